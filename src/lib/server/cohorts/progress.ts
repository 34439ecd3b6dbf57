import { sql } from 'kysely';
import { inScope } from '../auth/scope';
import type { Db } from '$lib/server/db';

export const DEFAULT_CREDIT_HOUR_MINUTES = 45;

// 学时 length is a school setting ('study.credit_hour_minutes', a JSON number or numeric
// string); anything else falls back to 45 minutes rather than failing the whole page.
export const creditHourMinutes = sql<number>`coalesce((
	select nullif((s.value #>> '{}')::numeric, 0) from app_setting s
	where s.key = 'study.credit_hour_minutes' and s.value #>> '{}' ~ '^[0-9]+(\\.[0-9]+)?$'
), ${DEFAULT_CREDIT_HOUR_MINUTES})`;

export interface ProgressFilter {
	cohortId?: number;
	/** one learner across their cohorts */
	personId?: number;
	personIds?: number[];
	/** narrow to one unit's subtree (a filter) */
	underPath?: string;
	/** the caller's learner scope; undefined means no restriction, [] means nobody */
	paths?: string[];
}

export const hoursSql = sql<number>`round(coalesce(sum(least(coalesce(lp.seconds_credited, 0), pub.credit_hours * setting.minutes * 60)), 0) / (setting.minutes * 60), 2)`;
export const requiredDoneSql = sql<number>`count(lp.completed_at) filter (where pub.required)`;
export const requiredSql = sql<number>`count(pub.lesson_id) filter (where pub.required)`;

/**
 * Progress of enrolled learners, one row per (cohort, learner), as ONE set-based query:
 * enrolments × the course's published lessons, left-joined to lesson_progress. A lesson's
 * time counts up to its published 学时 (credit_hours × minutes per 学时), so lingering on one
 * lesson cannot make up for skipping another. Published = the version the lesson points to.
 * (least() skips NULLs, hence the coalesce for lessons never opened.) Unordered, so that lists
 * can filter, page and group it in SQL.
 */
export function progressQuery(db: Db, filter: ProgressFilter) {
	let query = db
		.with('setting', (q) => q.selectNoFrom(creditHourMinutes.as('minutes')))
		.with('pub', (q) =>
			q
				.selectFrom('lesson as l')
				.innerJoin('lessonVersion as v', 'v.id', 'l.publishedVersionId')
				.select(['l.id as lessonId', 'l.courseId', 'v.creditHours', 'v.required'])
		)
		.selectFrom('enrollment as e')
		.innerJoin('cohort as c', 'c.id', 'e.cohortId')
		.innerJoin('person as p', 'p.id', 'e.personId')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.innerJoin('setting', (j) => j.onTrue())
		.leftJoin('pub', 'pub.courseId', 'c.courseId')
		.leftJoin('lessonProgress as lp', (j) => j.onRef('lp.personId', '=', 'e.personId').onRef('lp.lessonId', '=', 'pub.lessonId'))
		.select([
			'e.cohortId',
			'e.personId',
			'e.enrolledAt',
			'p.username',
			'p.name',
			'o.id as orgUnitId',
			'o.name as orgName',
			'o.path as orgPath',
			'c.requiredHours',
			sql<number>`count(pub.lesson_id)`.as('lessonsTotal'),
			requiredSql.as('lessonsRequired'),
			requiredDoneSql.as('lessonsDone'),
			hoursSql.as('hoursCredited'),
			sql<Date | null>`max(lp.last_seen_at)`.as('lastActivityAt'),
			// onlineDone (学习完成): the online part only (required lessons and hours). Whether the learner has
			// 结业 — exam, attendance, essay and the rest of the cohort's rule — is
			// learnerCompletion's answer (completion/service.ts), shown on the completion pages.
			sql<boolean>`${requiredDoneSql} >= ${requiredSql} and ${hoursSql} >= c.required_hours`.as('onlineDone')
		])
		.groupBy(['e.id', 'p.id', 'o.id', 'c.id', 'setting.minutes']);
	if (filter.paths?.length === 0 || filter.personIds?.length === 0) query = query.where(sql<boolean>`false`);
	if (filter.cohortId !== undefined) query = query.where('e.cohortId', '=', filter.cohortId);
	if (filter.personId !== undefined) query = query.where('e.personId', '=', filter.personId);
	if (filter.personIds?.length) query = query.where('e.personId', 'in', filter.personIds);
	if (filter.underPath) query = query.where(inScope('o.path', [filter.underPath]));
	if (filter.paths) query = query.where(inScope('o.path', filter.paths));
	return query;
}

type ProgressRow = Awaited<ReturnType<ReturnType<typeof progressQuery>['execute']>>[number];

type Counts = Pick<ProgressRow, 'lessonsTotal' | 'lessonsRequired' | 'lessonsDone' | 'hoursCredited' | 'requiredHours'>;

/** Numbers as numbers: postgres.js hands back counts and numerics as strings (the home page reads the rows as JSON). */
export function toProgress<R extends Counts>(r: R) {
	return {
		...r,
		lessonsTotal: Number(r.lessonsTotal),
		lessonsRequired: Number(r.lessonsRequired),
		lessonsDone: Number(r.lessonsDone),
		hoursCredited: Number(r.hoursCredited),
		requiredHours: Number(r.requiredHours)
	};
}

/** Progress rows in tree order (unit path, then username). */
export async function progressRows(db: Db, filter: ProgressFilter) {
	if (filter.paths?.length === 0 || filter.personIds?.length === 0) return [];
	const rows = await progressQuery(db, filter).orderBy('o.path').orderBy('p.username').execute();
	return rows.map(toProgress);
}

export type LearnerProgress = Awaited<ReturnType<typeof progressRows>>[number];

/** Every (visible) learner of one cohort with lessons done and hours credited. */
export function cohortProgress(db: Db, cohortId: number, options: { personIds?: number[]; underPath?: string; paths?: string[] } = {}) {
	return progressRows(db, { ...options, cohortId });
}

/** The published lessons of a cohort's course with one learner's progress on each. */
export function learnerLessons(db: Db, cohortId: number, personId: number) {
	return db
		.with('setting', (q) => q.selectNoFrom(creditHourMinutes.as('minutes')))
		.selectFrom('cohort as c')
		.innerJoin('lesson as l', 'l.courseId', 'c.courseId')
		.innerJoin('lessonVersion as v', 'v.id', 'l.publishedVersionId')
		.innerJoin('setting', (j) => j.onTrue())
		.leftJoin('lessonProgress as lp', (j) => j.onRef('lp.lessonId', '=', 'l.id').on('lp.personId', '=', personId))
		.select([
			'l.id',
			'l.slug',
			'v.title',
			'v.creditHours',
			'v.required',
			sql<number>`round(least(coalesce(lp.seconds_credited, 0), v.credit_hours * setting.minutes * 60) / (setting.minutes * 60), 2)`.as('hoursCredited'),
			'lp.secondsCredited',
			'lp.completedAt',
			'lp.lastSeenAt'
		])
		.where('c.id', '=', cohortId)
		.orderBy('l.sortOrder')
		.orderBy('l.id')
		.execute();
}
