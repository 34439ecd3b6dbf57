import { fail } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { once } from '../../http/idempotency';
import { todayInShanghai } from '../engine/dates';
import { parseImport } from './parse';
import { validateImport, type RowError } from './validate';
import { applyImport, ImportConflict, importTargets } from './apply';

const none = { errors: [] as RowError[], more: 0 };

/**
 * A development record file imported once per rendered form: a second copy of the same file
 * found its own first copy's entries and was refused as a conflict; now it gets the first answer.
 */
export async function importDevelopmentOnce(db: Kysely<Database>, actor: { id: number; paths: string[] }, form: FormData, file: File) {
	const parsed = await parseImport(file.name, new Uint8Array(await file.arrayBuffer()));
	if (!parsed.ok) return fail(400, { message: parsed.message, ...none });
	return once(db, form, { personId: actor.id, action: 'development.import' }, async (trx) => {
		const targets = await importTargets(trx, parsed.rows.map((r) => r.username.trim()).filter(Boolean));
		const { valid, errors } = validateImport(parsed.rows, targets, actor.paths, todayInShanghai());
		if (errors.length) {
			return fail(400, {
				message: `共 ${parsed.rows.length} 行，其中 ${errors.length} 行有误，未导入任何数据。请修改后重新上传。`,
				errors: errors.slice(0, 500),
				more: Math.max(0, errors.length - 500)
			});
		}
		try {
			return { summary: await applyImport(trx, actor.id, valid, file.name), fileName: file.name };
		} catch (e) {
			if (e instanceof ImportConflict) return fail(409, { message: `${e.message}，未导入任何数据。请重新上传。`, ...none });
			throw e;
		}
	});
}
