import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuthUser } from '../../auth/session';
import { inScope } from '../../auth/scope';
import { todayInShanghai } from '../engine/dates';
import { developmentScope } from '../access';
import { periodLabel, periodOf, periodRange } from './periods';
import type { SubmissionKind } from './table';

// What is due and what waits: the person's own 思想汇报 this quarter, a mentor's opinion and
// evaluation this half year for each mentee, and the branch's 待受理 list.

export interface DueItem {
	text: string;
	href: string;
}

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

async function handedIn(db: Kysely<Database>, authorId: number, personIds: number[], kinds: SubmissionKind[], periods: string[]) {
	if (!personIds.length) return new Set<string>();
	const rows = await db
		.selectFrom('developmentSubmission')
		.select(['personId', 'kind'])
		.where('authorId', '=', authorId)
		.where('personId', 'in', personIds)
		.where('kind', 'in', kinds)
		.where('period', 'in', periods)
		.where('status', '<>', 'returned')
		.execute();
	return new Set(rows.map((r) => `${r.personId}:${r.kind}`));
}

/** The user's own due items, as a mentor those for each mentee whose assignment covers today, and the branch's 待受理. */
export async function dueFor(db: Kysely<Database>, user: AuthUser, options: { now?: Date } = {}): Promise<DueItem[]> {
	const today = todayInShanghai(options.now);
	const quarter = periodOf('thought_report', today);
	const half = periodOf('evaluation', today);
	const items: DueItem[] = [];

	const own = await db.selectFrom('developmentRecord').select(['stage', 'closedOn']).where('personId', '=', user.id).executeTakeFirst();
	if (own && !own.closedOn && ['activist', 'candidate', 'probationary'].includes(own.stage)) {
		const [from, to] = periodRange(quarter);
		const [done, entry] = await Promise.all([
			handedIn(db, user.id, [user.id], ['thought_report'], [quarter]),
			db.selectFrom('developmentEntry').select('id').where('personId', '=', user.id).where('kind', '=', 'thought_report').where('voidedAt', 'is', null).where('occurredOn', '>=', from).where('occurredOn', '<=', to).executeTakeFirst()
		]);
		if (!done.size && !entry) items.push({ text: '本季度思想汇报未交', href: '/my/development#submit' });
	}

	const mentees = await db
		.selectFrom('developmentSupporter as s')
		.innerJoin('person as p', 'p.id', 's.personId')
		.innerJoin('developmentRecord as r', 'r.personId', 'p.id')
		.select(['p.id', 'p.name', 'r.stage'])
		.where('s.supporterId', '=', user.id)
		.where('s.role', '=', 'mentor')
		.where('s.assignedOn', '<=', today)
		.where((eb) => eb.or([eb('s.endedOn', 'is', null), eb('s.endedOn', '>', today)]))
		.where('r.closedOn', 'is', null)
		.where('r.stage', 'in', ['activist', 'candidate', 'probationary'])
		.orderBy('p.name')
		.execute();
	const done = await handedIn(db, user.id, mentees.map((m) => m.id), ['mentor_opinion', 'evaluation'], [half]);
	for (const m of mentees) {
		const href = `/my/development/mentees/${m.id}#submit`;
		if (m.stage !== 'probationary' && !done.has(`${m.id}:mentor_opinion`)) items.push({ text: `待填写考察意见：${m.name}`, href });
		if (!done.has(`${m.id}:evaluation`)) items.push({ text: `待填写半年考察：${m.name}`, href });
	}

	// The branch: how much waits for it to accept.
	const paths = developmentScope(user);
	if (paths.length) {
		const { n } = await db
			.selectFrom('developmentSubmission as s')
			.innerJoin('person as p', 'p.id', 's.personId')
			.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.where('s.status', '=', 'submitted')
			.where(inScope('o.path', paths))
			.executeTakeFirstOrThrow();
		if (Number(n) > 0) items.push({ text: `待受理材料：${n} 件`, href: '/development/submissions' });
	}
	return items;
}
