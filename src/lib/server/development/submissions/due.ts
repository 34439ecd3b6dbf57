import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuthUser } from '../../auth/session';
import { inScope } from '../../auth/scope';
import { todayInShanghai } from '../engine/dates';
import { developmentScope } from '../access';
import { periodOf, periodRange } from './periods';
import type { SubmissionKind } from './table';
import type { DevelopmentStage } from '../tables';

// What is due: the person's own 思想汇报 this quarter, a mentor's opinion and evaluation this half
// year for each mentee, and the branch's 待受理. Each part is one query that the home page can also
// nest in its one statement (learner-home.ts); dueList turns their answers into the list.

type Db = Kysely<Database>;

export interface DueItem {
	text: string;
	href: string;
}

/** The stages that hand in 思想汇报 and are followed by a mentor. */
const FOLLOWED: DevelopmentStage[] = ['activist', 'candidate', 'probationary'];

/** The periods `now` falls in (Asia/Shanghai): today, this quarter (and its days), this half year. */
export function duePeriods(now?: Date) {
	const today = todayInShanghai(now);
	const quarter = periodOf('thought_report', today);
	const [quarterFrom, quarterTo] = periodRange(quarter);
	return { today, quarter, quarterFrom, quarterTo, half: periodOf('evaluation', today) };
}

/** One's own development record's stage and whether it is closed (undefined: none). */
export function ownRecordQuery(db: Db, personId: number) {
	return db.selectFrom('developmentRecord').select(['stage', 'closedOn']).where('personId', '=', personId);
}

// Submissions by `authorId` of this kind and period that were not returned (add the person).
function handedIn(db: Db, authorId: number, kind: SubmissionKind, period: string) {
	return db.selectFrom('developmentSubmission as d').select('d.id').where('d.authorId', '=', authorId).where('d.kind', '=', kind).where('d.period', '=', period).where('d.status', '<>', 'returned');
}

/** Whether one's 思想汇报 for the quarter is in: handed in online (not returned) or on the record. One row, `reported`. */
export function thoughtReportInQuery(db: Db, personId: number, quarter: string, quarterFrom: string, quarterTo: string) {
	return db.selectNoFrom((eb) =>
		eb
			.or([
				eb.exists(handedIn(db, personId, 'thought_report', quarter).where('d.personId', '=', personId)),
				eb.exists(
					db
						.selectFrom('developmentEntry as x')
						.select('x.id')
						.where('x.personId', '=', personId)
						.where('x.kind', '=', 'thought_report')
						.where('x.voidedAt', 'is', null)
						.where('x.occurredOn', '>=', quarterFrom)
						.where('x.occurredOn', '<=', quarterTo)
				)
			])
			.as('reported')
	);
}

/** The mentees whose assignment covers today, each with whether this half year's opinion and evaluation are in. */
export function menteesDueQuery(db: Db, mentorId: number, today: string, half: string) {
	return db
		.selectFrom('developmentSupporter as s')
		.innerJoin('person as p', 'p.id', 's.personId')
		.innerJoin('developmentRecord as r', 'r.personId', 'p.id')
		.select((eb) => [
			'p.id',
			'p.name',
			'r.stage',
			eb.exists(handedIn(db, mentorId, 'mentor_opinion', half).where('d.personId', '=', sql.ref<number>('p.id'))).as('opinionIn'),
			eb.exists(handedIn(db, mentorId, 'evaluation', half).where('d.personId', '=', sql.ref<number>('p.id'))).as('evaluationIn')
		])
		.where('s.supporterId', '=', mentorId)
		.where('s.role', '=', 'mentor')
		.where('s.assignedOn', '<=', today)
		.where((eb) => eb.or([eb('s.endedOn', 'is', null), eb('s.endedOn', '>', today)]))
		.where('r.closedOn', 'is', null)
		.where('r.stage', 'in', FOLLOWED)
		.orderBy('p.name');
}

/** Submissions waiting for acceptance in the given subtrees. */
export async function pendingCount(db: Db, paths: string[]) {
	if (!paths.length) return 0;
	const { n } = await db
		.selectFrom('developmentSubmission as s')
		.innerJoin('person as p', 'p.id', 's.personId')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('s.status', '=', 'submitted')
		.where(inScope('o.path', paths))
		.executeTakeFirstOrThrow();
	return Number(n);
}

export interface DueFacts {
	own: { stage: DevelopmentStage; closedOn: string | null } | null | undefined;
	reported: SqlBool | null;
	mentees: { id: number; name: string; stage: DevelopmentStage; opinionIn: SqlBool; evaluationIn: SqlBool }[];
	pending: number;
}

/** The due list from what the queries above found. */
export function dueList({ own, reported, mentees, pending }: DueFacts): DueItem[] {
	const items: DueItem[] = [];
	if (own && !own.closedOn && FOLLOWED.includes(own.stage) && !reported) items.push({ text: '本季度思想汇报未交', href: '/my/development#submit' });
	for (const m of mentees) {
		const href = `/my/development/mentees/${m.id}#submit`;
		if (m.stage !== 'probationary' && !m.opinionIn) items.push({ text: `待填写考察意见：${m.name}`, href });
		if (!m.evaluationIn) items.push({ text: `待填写半年考察：${m.name}`, href });
	}
	if (pending > 0) items.push({ text: `待受理材料：${pending} 件`, href: '/development/submissions' });
	return items;
}

/** The user's own due items, as a mentor those for each mentee whose assignment covers today, and the branch's 待受理. */
export async function dueFor(db: Db, user: AuthUser, options: { now?: Date } = {}): Promise<DueItem[]> {
	const p = duePeriods(options.now);
	const [own, report, mentees, pending] = await Promise.all([
		ownRecordQuery(db, user.id).executeTakeFirst(),
		thoughtReportInQuery(db, user.id, p.quarter, p.quarterFrom, p.quarterTo).executeTakeFirstOrThrow(),
		menteesDueQuery(db, user.id, p.today, p.half).execute(),
		pendingCount(db, developmentScope(user))
	]);
	return dueList({ own, reported: report.reported, mentees, pending });
}
