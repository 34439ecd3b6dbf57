import { fail, redirect } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { once } from '../http/idempotency';
import { applyImport, checkImport } from './import';
import { forgetPools } from './pool';

/**
 * A question file imported into a course's bank, once per rendered form: questions have no
 * natural key, so a double click or a retry used to add the whole file twice.
 */
export async function importQuestionsOnce(db: Kysely<Database>, actorId: number, courseId: number, form: FormData, file: File) {
	const bytes = new Uint8Array(await file.arrayBuffer());
	try {
		return await once(db, form, { personId: actorId, action: 'question.import' }, async (trx) => {
			const checked = await checkImport(trx, courseId, file.name, bytes);
			if (!checked.ok) return fail(400, { message: checked.message, errors: checked.errors.slice(0, 500) });
			const n = await applyImport(trx, actorId, courseId, file.name, checked.questions);
			redirect(303, `/bank/${courseId}?imported=${n}`);
		});
	} finally {
		// applyImport forgot the pools cached for the transaction; the bank changed for `db`.
		forgetPools(db);
	}
}
