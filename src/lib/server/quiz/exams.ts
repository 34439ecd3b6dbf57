import { error } from '@sveltejs/kit';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { AuthUser } from '../auth/session';
import { can, scopePaths } from '../auth/authz';
import { containsPattern, inScope, overlapsScope } from '../auth/scope';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import { cohortAccess, cohortViewPaths } from '../cohorts/access';
import { getCohort } from '../cohorts/repository';
import type { ExamInput, OverrideInput } from './exam-schema';
import { checkRules } from './draw';
import { questionPool } from './pool';
import type { Db } from '$lib/server/db';

const teaches = (personId: number) => sql<boolean>`exists (select 1 from cohort_instructor ci where ci.cohort_id = c.id and ci.person_id = ${personId})`;

/** Cohorts the user sees (the cohorts feature's rule), as a where-clause on `c` and `o`. */
function visibleCohorts(user: AuthUser) {
	return sql<boolean>`(${teaches(user.id)} or ${overlapsScope('o.path', cohortViewPaths(user))})`;
}

export interface ExamListQuery {
	q?: string;
	state?: 'upcoming' | 'open' | 'closed';
	page: number;
	pageSize: number;
}

export async function listAdminExams(db: Db, user: AuthUser, query: ExamListQuery) {
	let base = db
		.selectFrom('exam as x')
		.innerJoin('cohort as c', 'c.id', 'x.cohortId')
		.innerJoin('orgUnit as o', 'o.id', 'c.orgUnitId')
		.where(visibleCohorts(user));
	if (query.q) base = base.where((eb) => eb.or([eb('x.title', 'like', containsPattern(query.q!)), eb('c.name', 'like', containsPattern(query.q!))]));
	if (query.state === 'upcoming') base = base.where(sql<boolean>`x.opens_at > now()`);
	if (query.state === 'open') base = base.where(sql<boolean>`x.opens_at <= now() and x.closes_at > now()`);
	if (query.state === 'closed') base = base.where(sql<boolean>`x.closes_at <= now()`);
	const [rows, count] = await Promise.all([
		base
			.select((eb) => [
				'x.id',
				'x.title',
				'x.opensAt',
				'x.closesAt',
				'x.timeLimitMinutes',
				'c.id as cohortId',
				'c.name as cohortName',
				eb.selectFrom('examAttempt as a').select((sb) => sb.fn.count<number>('a.id').as('n')).whereRef('a.examId', '=', 'x.id').where('a.status', '=', 'submitted').as('submitted'),
				eb.selectFrom('examAttempt as a').select((sb) => sb.fn.count<number>('a.id').as('n')).whereRef('a.examId', '=', 'x.id').where('a.status', '=', 'in_progress').as('running')
			])
			.orderBy('x.opensAt', 'desc')
			.orderBy('x.id', 'desc')
			.limit(query.pageSize)
			.offset((query.page - 1) * query.pageSize)
			.execute(),
		base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: Number(count.n) };
}

/** Cohorts where the user may set exams (exam.manage): by scope, or by teaching them. */
export async function managedCohorts(db: Db, user: AuthUser) {
	const paths = scopePaths(user, 'exam.manage');
	return db
		.selectFrom('cohort as c')
		.innerJoin('orgUnit as o', 'o.id', 'c.orgUnitId')
		.innerJoin('course as k', 'k.id', 'c.courseId')
		.select(['c.id', 'c.name', 'k.title as courseTitle', 'c.courseId'])
		.where((eb) => eb.or([teaches(user.id), inScope('o.path', paths)]))
		.where('c.status', '=', 'open')
		.orderBy('c.startsOn', 'desc')
		.execute();
}

/** The cohort and what the user may do with its exams: 404 / 403 otherwise. */
export async function cohortExamAccess(db: Db, cohortId: number, user: AuthUser) {
	const cohort = Number.isInteger(cohortId) && cohortId > 0 ? await getCohort(db, cohortId, user.id) : undefined;
	if (!cohort) error(404, '未找到该培训班');
	const access = cohortAccess(user, { orgPath: cohort.orgPath, teaches: cohort.teaches });
	if (!access.view) error(403, '您没有权限查看该培训班的考试');
	return { cohort, access, manage: can(user, 'exam.manage', cohort), grade: can(user, 'exam.grade', cohort) };
}

export function getExam(db: Db, id: number) {
	return db.selectFrom('exam').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The exam in the URL with its cohort and the user's rights; `requireManage` for writes. */
export async function examAdmin(db: Db, id: number, user: AuthUser, requireManage = false) {
	const exam = await getExam(db, id);
	if (!exam) error(404, '未找到该考试');
	const ctx = await cohortExamAccess(db, exam.cohortId, user);
	if (requireManage && !ctx.manage) error(403, '只有培训班的组织者和授课教师可以管理考试');
	return { exam, ...ctx };
}

/** Rule problems against the course's bank now: empty when every draw will succeed. */
export async function ruleProblems(db: Db, courseId: number, rules: ExamInput['rules']) {
	return checkRules(await questionPool(db, courseId), rules);
}

export async function createExam(db: Db, actorId: number | null, cohortId: number, input: ExamInput) {
	return transact(db, async (trx) => {
		const row = await trx
			.insertInto('exam')
			.values({ ...input, cohortId, createdBy: actorId })
			.returning('id')
			.executeTakeFirstOrThrow();
		await appendAudit(trx, { actorId, action: 'exam.create', entityType: 'exam', entityId: row.id, after: { cohortId, ...input } });
		return row.id;
	});
}

/** Saves settings; a changed pass mark re-decides pass/fail of every graded attempt. */
export async function updateExam(db: Db, actorId: number, id: number, input: ExamInput) {
	return transact(db, async (trx) => {
		const before = await trx.selectFrom('exam').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
		await trx.updateTable('exam').set({ ...input, updatedAt: new Date() }).where('id', '=', id).execute();
		if (before.passMark !== input.passMark) {
			await trx.updateTable('examAttempt').set({ passed: sql`score >= ${input.passMark}` }).where('examId', '=', id).where('score', 'is not', null).execute();
		}
		const { id: _id, createdAt: _c, updatedAt: _u, createdBy: _b, cohortId: _k, ...old } = before;
		await appendAudit(trx, { actorId, action: 'exam.update', entityType: 'exam', entityId: id, before: old, after: input });
	});
}

export function listOverrides(db: Db, examId: number) {
	return db
		.selectFrom('examOverride as ov')
		.innerJoin('person as p', 'p.id', 'ov.personId')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.select(['ov.personId', 'p.name', 'p.username', 'o.name as orgName', 'o.path as orgPath', 'ov.extraAttempts', 'ov.extraMinutes', 'ov.opensAt', 'ov.closesAt', 'ov.note', 'ov.updatedAt'])
		.where('ov.examId', '=', examId)
		.orderBy('p.username')
		.execute();
}

export async function setOverride(db: Db, actorId: number, examId: number, o: OverrideInput) {
	return transact(db, async (trx: Transaction<Database>) => {
		const values = { extraAttempts: o.extraAttempts, extraMinutes: o.extraMinutes, opensAt: o.opensAt, closesAt: o.closesAt, note: o.note, createdBy: actorId, updatedAt: new Date() };
		await trx
			.insertInto('examOverride')
			.values({ examId, personId: o.personId, ...values })
			.onConflict((oc) => oc.columns(['examId', 'personId']).doUpdateSet(values))
			.execute();
		await appendAudit(trx, { actorId, action: 'exam.override', entityType: 'exam', entityId: examId, after: o });
	});
}

export async function deleteOverride(db: Db, actorId: number, examId: number, personId: number) {
	return transact(db, async (trx) => {
		const row = await trx.deleteFrom('examOverride').where('examId', '=', examId).where('personId', '=', personId).returningAll().executeTakeFirst();
		if (row) await appendAudit(trx, { actorId, action: 'exam.override_delete', entityType: 'exam', entityId: examId, before: row });
		return !!row;
	});
}
