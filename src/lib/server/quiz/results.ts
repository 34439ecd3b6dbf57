import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { containsPattern, inScope } from '../auth/scope';
import { countingScoreSql, type GradingMethod } from './counting';
import { attemptOutcomeColumns } from './attempt-columns';
import type { Db } from '$lib/server/db';

export interface ResultScope {
	examId: number;
	cohortId: number;
	gradingMethod: GradingMethod;
	passMark: number;
	/** org subtrees whose learners the viewer may see; null = all (the cohort's instructors) */
	learnerPaths: string[] | null;
}

export interface ResultFilters {
	q?: string;
	unitId?: number;
	outcome?: 'passed' | 'failed' | 'absent' | 'running';
}


/** One row per enrolled learner the viewer may see, with the attempt that counts. */
function learnerResults(db: Db, scope: ResultScope) {
	let q = db
		.selectFrom('enrollment as e')
		.innerJoin('person as p', 'p.id', 'e.personId')
		.innerJoin('orgUnit as po', 'po.id', 'p.orgUnitId')
		.select([
			'p.id as personId',
			'p.name',
			'p.username',
			'po.id as unitId',
			'po.name as unitName',
			countingScoreSql(scope.examId, sql.ref('p.id'), scope.gradingMethod).as('score'),
			sql<number>`(select count(*) from exam_attempt a where a.exam_id = ${scope.examId} and a.person_id = p.id)`.as('attempts'),
			sql<boolean>`exists (select 1 from exam_attempt a where a.exam_id = ${scope.examId} and a.person_id = p.id and a.status = 'in_progress')`.as('running'),
			sql<Date | null>`(select max(a.submitted_at) from exam_attempt a where a.exam_id = ${scope.examId} and a.person_id = p.id)`.as('lastSubmittedAt'),
			sql<number>`(select count(*) from exam_event ev join exam_attempt a on a.id = ev.attempt_id where a.exam_id = ${scope.examId} and a.person_id = p.id)`.as('events')
		])
		.where('e.cohortId', '=', scope.cohortId);
	if (scope.learnerPaths !== null) {
		const paths = scope.learnerPaths;
		q = q.where(inScope('po.path', paths));
	}
	return q;
}

export async function examResults(db: Db, scope: ResultScope, filters: ResultFilters, page: number, pageSize: number) {
	let rows = db.selectFrom(learnerResults(db, scope).as('r')).selectAll('r');
	if (filters.q) rows = rows.where((eb) => eb.or([eb('r.name', 'like', containsPattern(filters.q!)), eb('r.username', 'like', containsPattern(filters.q!))]));
	if (filters.unitId) rows = rows.where('r.unitId', '=', filters.unitId);
	if (filters.outcome === 'passed') rows = rows.where('r.score', '>=', scope.passMark);
	if (filters.outcome === 'failed') rows = rows.where('r.score', '<', scope.passMark);
	if (filters.outcome === 'absent') rows = rows.where('r.score', 'is', null).where('r.running', '=', false);
	if (filters.outcome === 'running') rows = rows.where('r.running', '=', true);
	const [list, count] = await Promise.all([
		rows.orderBy('r.unitName').orderBy('r.username').limit(pageSize).offset((page - 1) * pageSize).execute(),
		rows.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows: list.map((r) => ({ ...r, attempts: Number(r.attempts), events: Number(r.events), passed: r.score === null ? null : r.score >= scope.passMark })), total: Number(count.n) };
}

/** Per branch: learners, those who sat, passed, average and highest score. */
export async function branchSummary(db: Db, scope: ResultScope) {
	const rows = await db
		.selectFrom(learnerResults(db, scope).as('r'))
		.select((eb) => [
			'r.unitId',
			'r.unitName',
			eb.fn.countAll<number>().as('learners'),
			eb.fn.count<number>('r.score').as('sat'),
			eb.fn.count<number>('r.score').filterWhere('r.score', '>=', scope.passMark).as('passed'),
			sql<number | null>`round(avg(r.score), 1)`.as('average'),
			eb.fn.max('r.score').as('highest')
		])
		.groupBy(['r.unitId', 'r.unitName'])
		.orderBy('r.unitName')
		.execute();
	return rows.map((r) => ({ ...r, learners: Number(r.learners), sat: Number(r.sat), passed: Number(r.passed), average: r.average === null ? null : Number(r.average) }));
}

/** Every attempt of one learner with timestamps and integrity events, for the instructor. */
export function learnerAttempts(db: Db, examId: number, personId: number) {
	return db
		.selectFrom('examAttempt as a')
		.select((eb) => [
			'a.id',
			'a.attemptNo',
			'a.status',
			...attemptOutcomeColumns,
			'a.seed',
			eb.selectFrom('examAnswer as an').select((sb) => sb.fn.countAll<number>().as('n')).whereRef('an.attemptId', '=', 'a.id').as('answered'),
			sql<number>`jsonb_array_length(a.paper)`.as('questions'),
			jsonArrayFrom(eb.selectFrom('examEvent as ev').select(['ev.kind', 'ev.at']).whereRef('ev.attemptId', '=', 'a.id').orderBy('ev.at')).as('events')
		])
		.where('a.examId', '=', examId)
		.where('a.personId', '=', personId)
		.orderBy('a.attemptNo')
		.execute();
}
