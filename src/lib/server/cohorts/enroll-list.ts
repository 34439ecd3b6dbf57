import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { enrollPeople } from './enroll';
import { parseIdList, type ListRow } from './list-file';
import { withinScope } from '../auth/scope';

export interface ListRowError {
	rowNumber: number;
	username: string;
	messages: string[];
}

/**
 * Checks every row before anything is written; `paths` is where the importer may enrol.
 * Someone already in the cohort is not an error (re-importing a list changes nothing).
 */
export async function validateIdList(db: Kysely<Database>, cohortId: number, rows: ListRow[], paths: string[]) {
	const usernames = [...new Set(rows.map((r) => r.username).filter(Boolean))];
	const found = usernames.length
		? await db
				.selectFrom('person as p')
				.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
				.leftJoin('enrollment as e', (j) => j.onRef('e.personId', '=', 'p.id').on('e.cohortId', '=', cohortId))
				.select(['p.id', 'p.username', 'p.name', 'p.isActive', 'o.path', 'e.id as enrollmentId'])
				.where('p.username', 'in', usernames)
				.execute()
		: [];
	const byUsername = new Map(found.map((p) => [p.username, p]));
	const seen = new Map<string, number>();
	const errors: ListRowError[] = [];
	const ids: number[] = [];
	let already = 0;
	for (const row of rows) {
		const messages: string[] = [];
		const person = byUsername.get(row.username);
		const first = seen.get(row.username);
		if (!row.username) messages.push('学号/工号为空');
		else if (first) messages.push(`与第 ${first} 行重复`);
		// Outside the importer's scope a 学号 reads like one that does not exist: nothing about who holds it.
		else if (!person || !withinScope(person.path, paths)) messages.push(`学号/工号 ${row.username} 未找到，或不在您可为本培训班报名的范围内`);
		else if (!person.isActive) messages.push(`${person.name} 的账号已停用`);
		else if (row.name && row.name !== person.name) messages.push(`姓名“${row.name}”与该学号/工号登记的姓名“${person.name}”不一致`);
		if (row.username && !first) seen.set(row.username, row.rowNumber);
		if (messages.length) errors.push({ rowNumber: row.rowNumber, username: row.username, messages });
		else if (person?.enrollmentId) already++;
		else if (person) ids.push(person.id);
	}
	return { ids, already, errors };
}

export const MAX_LISTED_ERRORS = 500;

/**
 * A list file → enrolments, all or nothing: if any row is wrong nothing is written and
 * every wrong row is named.
 */
export async function enrollFromList(
	db: Kysely<Database>,
	input: { actorId: number; cohortId: number; paths: string[]; fileName: string; bytes: Uint8Array }
) {
	const parsed = await parseIdList(input.fileName, input.bytes);
	if (!parsed.ok) return { ok: false as const, message: parsed.message, errors: [] as ListRowError[] };
	const { ids, already, errors } = await validateIdList(db, input.cohortId, parsed.rows, input.paths);
	if (errors.length) {
		return {
			ok: false as const,
			message: `共 ${parsed.rows.length} 行，其中 ${errors.length} 行有误，未报名任何人。请修改后重新上传。`,
			errors: errors.slice(0, MAX_LISTED_ERRORS)
		};
	}
	const result = await enrollPeople(db, {
		actorId: input.actorId,
		cohortId: input.cohortId,
		personIds: ids,
		detail: { source: 'list', fileName: input.fileName, rows: parsed.rows.length }
	});
	return { ok: true as const, added: result.added, already: already + result.already };
}
