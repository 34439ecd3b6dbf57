import { fail } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { once } from '../../http/idempotency';
import { listOrgUnits } from '../../org/units';
import { parseRoster } from './parse';
import { validateRoster, type RowError } from './validate';
import { applyRoster, existingByUsername, idNumberHolders, RosterConflict, type ImportSummary } from './apply';
import type { AuthUser } from '../../auth/session';
import { can } from '../../auth/authz';

/**
 * A roster file imported once per rendered form. Rows match on 学号/工号, so a second copy
 * changed nothing — but answered 「新增 0 人」 and lost the new accounts' temporary passwords.
 * The passwords are never stored with the form's key: a replay gets the counts and
 * `replayed: true`, and the page says where the passwords went.
 */
export async function importRosterOnce(db: Kysely<Database>, actor: AuthUser & { paths: string[] }, form: FormData, file: File) {
	const parsed = await parseRoster(file.name, new Uint8Array(await file.arrayBuffer()));
	if (!parsed.ok) return fail(400, { message: parsed.message, errors: [] as RowError[], more: 0 });
	let credentials: ImportSummary['credentials'] | null = null;
	const typedIds = parsed.rows.map((r) => r.idNumber.replace(/\s+/g, '').toUpperCase()).filter((v) => /^\d{17}[\dX]$/.test(v));
	const answer = await once(db, form, { personId: actor.id, action: 'roster.import' }, async (trx) => {
		const units = await listOrgUnits(trx, actor.paths);
		const existing = await existingByUsername(trx, parsed.rows.map((r) => r.username).filter(Boolean));
		const { valid, errors } = validateRoster(parsed.rows, units, new Map(existing.map((p) => [p.username, p.path])), actor.paths, {
			current: new Map(existing.flatMap((p) => (p.idNumber ? [[p.username, p.idNumber] as const] : []))),
			holders: await idNumberHolders(trx, typedIds),
			// 身份证号 are written at committee level only (person.sensitive.view).
			mayWrite: (orgPath) => can(actor, 'person.sensitive.view', { orgPath })
		});
		if (errors.length) {
			return fail(400, {
				message: `共 ${parsed.rows.length} 行，其中 ${errors.length} 行有误，未导入任何数据。请修改后重新上传。`,
				errors: errors.slice(0, 500),
				more: Math.max(0, errors.length - 500)
			});
		}
		const summary = await applyRoster(trx, actor, valid, file.name, new Map(units.map((u) => [u.id, u.path])), parsed.columns);
		credentials = summary.credentials;
		return { summary: { ...summary, credentials: [] as ImportSummary['credentials'] }, fileName: file.name, replayed: true };
	}).catch((e) => {
		// Two imports racing for one 身份证号: the later one keeps nothing and names the row.
		if (!(e instanceof RosterConflict)) throw e;
		return fail(400, { message: '导入时发现冲突，未导入任何数据。请修改后重新上传。', errors: [{ rowNumber: e.rowNumber, username: e.username, messages: [e.message] }] as RowError[], more: 0 });
	});
	if (!credentials || !('summary' in answer)) return answer;
	return { ...answer, summary: { ...answer.summary, credentials }, replayed: false };
}
