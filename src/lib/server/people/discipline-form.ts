import { error, fail } from '@sveltejs/kit';
import type { Db } from '../db';
import type { AuthUser } from '../auth/session';
import { once } from '../http/idempotency';
import { transact } from '../db/transact';
import { fieldErrors } from '$lib/people/schema';
import { id as idField } from '$lib/validation/fields';
import { formFields, parseForm, sentText } from '$lib/validation/form';
import { z } from 'zod';
import { disciplineInput, recordDiscipline, voidDiscipline, voidInput } from './discipline';

// The person page's 处分 forms: parsed once here, written by discipline.ts.

type Person = { id: number; orgPath: string };

// The fields as typed, shown again beside the messages; disciplineInput judges them.
const disciplineForm = z.object({
	kind: sentText(),
	startsOn: sentText(),
	endsOn: sentText(),
	decidedBy: sentText(),
	documentNo: sentText(),
	reason: sentText()
});
const voidForm = z.object({ disciplineId: idField('处分记录'), reason: sentText() });

/** 记录处分, once per rendered form. */
export function recordDisciplineOnce(db: Db, actor: AuthUser, person: Person, form: FormData) {
	return once(db, form, { personId: actor.id, action: 'person.discipline' }, async (trx) => {
		const values = disciplineForm.parse(formFields(form));
		const parsed = disciplineInput.safeParse(values);
		if (!parsed.success) return fail(400, { action: 'discipline', values, errors: fieldErrors(parsed.error), message: '请修正标出的字段' });
		const r = await recordDiscipline(trx, actor, person, parsed.data);
		if (!r.ok && r.status === 403) error(403, r.message);
		if (!r.ok) return fail(400, { action: 'discipline', values, errors: {} as Record<string, string>, message: r.message });
		return { action: 'discipline', ok: r.message };
	});
}

/** 撤销处分记录 (a mistaken entry): the record stays, struck through, with the reason. */
export async function voidDisciplineForm(db: Db, actor: AuthUser, person: Person, form: FormData) {
	const parsed = await parseForm(form, voidForm);
	if (!parsed.ok) return fail(400, { action: 'voidDiscipline', message: parsed.message });
	const reason = voidInput.safeParse({ reason: parsed.data.reason });
	if (!reason.success) return fail(400, { action: 'voidDiscipline', message: reason.error.issues[0].message });
	const r = await transact(db, (trx) => voidDiscipline(trx, actor, person, parsed.data.disciplineId, reason.data.reason));
	if (!r.ok && r.status === 403) error(403, r.message);
	if (!r.ok) return fail(r.status === 404 ? 404 : 400, { action: 'voidDiscipline', message: r.message });
	return { action: 'voidDiscipline', ok: r.message };
}
