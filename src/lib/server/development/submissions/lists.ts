import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuthUser } from '../../auth/session';
import { inScope } from '../../auth/scope';
import { developmentScope } from '../access';
import { periodLabel } from './periods';

// What waits: the branch's 待受理 list and what a person handed in. What is due (the person's own
// 思想汇报 this quarter, a mentor's opinion and evaluation for each mentee) is in due.ts; its
// pages import it from here too.
export { dueFor, type DueItem } from './due';

export const PENDING_PAGE_SIZE = 30;

/** The branch's 待受理: oldest first, a page at a time, only people in the user's development.record scope. */
export async function pendingForBranch(db: Kysely<Database>, user: AuthUser, page = 1) {
	const paths = developmentScope(user);
	const base = db
		.selectFrom('developmentSubmission as s')
		.innerJoin('person as p', 'p.id', 's.personId')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.innerJoin('person as a', 'a.id', 's.authorId')
		.where('s.status', '=', 'submitted')
		.where(inScope('o.path', paths));
	const [{ total }, rows] = await Promise.all([
		base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
		base
			.select(['s.id', 's.kind', 's.period', 's.body', 's.attachmentId', 's.submittedAt', 'p.id as personId', 'p.name', 'p.username', 'o.name as orgName', 'a.name as authorName', 's.authorId'])
			.orderBy('s.submittedAt')
			.orderBy('s.id')
			.limit(PENDING_PAGE_SIZE)
			.offset((Math.max(1, page) - 1) * PENDING_PAGE_SIZE)
			.execute()
	]);
	return { total: Number(total), pages: Math.max(1, Math.ceil(Number(total) / PENDING_PAGE_SIZE)), rows: rows.map((r) => ({ ...r, periodText: r.kind === 'application' ? r.period : periodLabel(r.period) })) };
}

/** What the user handed in (about themselves or as a mentor), latest first. */
export async function submissionsBy(db: Kysely<Database>, authorId: number, personId?: number) {
	let q = db
		.selectFrom('developmentSubmission as s')
		.innerJoin('person as p', 'p.id', 's.personId')
		.select(['s.id', 's.kind', 's.period', 's.status', 's.submittedAt', 's.returnReason', 'p.name'])
		.where('s.authorId', '=', authorId)
		.orderBy('s.submittedAt', 'desc')
		.orderBy('s.id', 'desc')
		.limit(20);
	if (personId !== undefined) q = q.where('s.personId', '=', personId);
	const rows = await q.execute();
	return rows.map((r) => ({ ...r, periodText: r.kind === 'application' ? r.period : periodLabel(r.period) }));
}

