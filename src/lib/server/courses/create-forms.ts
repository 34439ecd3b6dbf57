import { fail, redirect } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { checkbox, formFields } from '$lib/validation/form';
import { optionalText } from '$lib/validation/fields';
import type { Database } from '../db/schema';
import { once } from '../http/idempotency';
import { AuthoringError, courseInput, createCourse, createLesson, fieldErrors, newLessonInput } from './authoring';
import { importCourse } from './import';

// The create forms of /teach — 新建课程, 添加课时, 导入课程 — once per rendered form. The unique
// course code and lesson slug already keep a second copy out, but would answer a double click
// or a retry with a refusal of its own first copy (「课程代码 … 已被使用」); with the form's key the
// second post gets the first one's answer.

/** The form's text fields (checkboxes that are absent stay absent; files become ''). */
export const fieldsOf = (form: FormData) => Object.fromEntries([...form].map(([k, v]) => [k, typeof v === 'string' ? v : ''])) as Record<string, string>;

async function orRefusal<T>(change: () => Promise<T>) {
	try {
		return { ok: true as const, value: await change() };
	} catch (e) {
		if (e instanceof AuthoringError) return { ok: false as const, message: e.message };
		throw e;
	}
}

export function createCourseOnce(db: Kysely<Database>, actorId: number, orgUnitId: number | null, form: FormData) {
	return once(db, form, { personId: actorId, action: 'course.create' }, async (trx) => {
		const values = fieldsOf(form);
		const parsed = courseInput.safeParse(values);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const created = await orRefusal(() => createCourse(trx, actorId, parsed.data, orgUnitId));
		if (!created.ok) return fail(400, { values, errors: { code: created.message } as Record<string, string> });
		redirect(303, `/teach/courses/${created.value}`);
	});
}

export function addLessonOnce(db: Kysely<Database>, actorId: number, courseId: number, form: FormData) {
	return once(db, form, { personId: actorId, action: 'lesson.create' }, async (trx) => {
		const values = fieldsOf(form);
		const parsed = newLessonInput.safeParse(values);
		if (!parsed.success) return fail(400, { lesson: { values, errors: fieldErrors(parsed.error) } });
		const created = await orRefusal(() => createLesson(trx, actorId, courseId, parsed.data));
		if (!created.ok) return fail(400, { lesson: { values, errors: { slug: created.message } as Record<string, string> } });
		redirect(303, `/teach/courses/${courseId}/lessons/${created.value}`);
	});
}

/** The text fields of /teach/import (the ZIP itself is checked by the route). */
export const importForm = z.object({
	code: optionalText('新课程代码', 200).transform((v) => v.toUpperCase()),
	publish: checkbox()
});

/** A course as a ZIP (/teach/import); `bytes` already read and size-checked by the route. */
export function importCourseOnce(db: Kysely<Database>, actorId: number, orgUnitId: number | null, form: FormData, bytes: Uint8Array) {
	// The route has refused a form importForm does not fit. The code's format is importCourse's to
	// judge (its message names the code); the bound only stops a pasted page.
	const values = importForm.parse(formFields(form));
	const { code, publish } = values;
	return once(db, form, { personId: actorId, action: 'course.import' }, async (trx) => {
		const result = await importCourse(trx, actorId, bytes, { code: code || undefined, publish, orgUnitId });
		if (!result.ok) return fail(400, { values, errors: result.errors });
		return { values, imported: result };
	});
}
