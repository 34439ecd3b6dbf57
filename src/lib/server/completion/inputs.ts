import { sql } from 'kysely';
import type { CourseCategory } from '../db/schema';
import { progressRows } from '../cohorts/progress';
import { attendedStatuses } from '../attendance/rules';
import { summaryRows } from '../attendance/summary';
import type { AttendanceInput, CompletionInputs, ExamInput, ReflectionInput } from './evaluate';
import { defaultRule, type CompletionRule } from './rule';
import { countingScoreSql } from '../quiz/counting';
import type { Db } from '$lib/server/db';

export interface CompletionFilter {
	cohortId?: number;
	personId?: number;
	personIds?: number[];
	/** learners of one unit's subtree */
	underPath?: string;
	/** the caller's learner scope; undefined = everyone, [] = nobody */
	paths?: string[];
	/** only cohorts of courses of this category */
	category?: CourseCategory;
}

export interface CohortFacts {
	id: number;
	name: string;
	status: 'open' | 'closed';
	startsOn: string;
	endsOn: string;
	requiredHours: number;
	orgUnitId: number;
	courseId: number;
	courseCode: string;
	courseTitle: string;
	courseCategory: CourseCategory;
	validityMonths: number;
	rule: CompletionRule;
	/** false: the cohort runs on the default rule */
	ruleSaved: boolean;
	finalExamId: number | null;
}

export interface LearnerFacts {
	cohortId: number;
	personId: number;
	username: string;
	name: string;
	orgUnitId: number;
	orgName: string;
	orgPath: string;
	inputs: CompletionInputs;
}

const key = (cohortId: number, personId: number) => `${cohortId}:${personId}`;

/** Cohorts with course, rule and the exam that counts as their final exam. */
export async function cohortFacts(db: Db, cohortIds: number[]): Promise<Map<number, CohortFacts>> {
	if (cohortIds.length === 0) return new Map();
	const rows = await db
		.selectFrom('cohort as c')
		.innerJoin('course as k', 'k.id', 'c.courseId')
		.leftJoin('completionRule as r', 'r.cohortId', 'c.id')
		.select((eb) => [
			'c.id',
			'c.name',
			'c.status',
			'c.startsOn',
			'c.endsOn',
			'c.requiredHours',
			'c.orgUnitId',
			'k.id as courseId',
			'k.code as courseCode',
			'k.title as courseTitle',
			'k.category as courseCategory',
			'k.certificateValidityMonths as validityMonths',
			'r.cohortId as ruleCohortId',
			'r.requireLessons',
			'r.minOnlineHours',
			'r.onlineHoursCap',
			'r.minAttendanceRate',
			'r.maxUnexcusedAbsences',
			'r.requireFinalExam',
			'r.reflectionMinChars',
			// The named exam if it still belongs to the cohort, else the one that closes last.
			eb
				.selectFrom('exam as x')
				.select('x.id')
				.whereRef('x.cohortId', '=', 'c.id')
				.orderBy(sql`coalesce(x.id = r.final_exam_id, false)`, 'desc')
				.orderBy('x.closesAt', 'desc')
				.orderBy('x.id', 'desc')
				.limit(1)
				.as('finalExamId')
		])
		.where('c.id', 'in', cohortIds)
		.execute();
	return new Map(
		rows.map((r) => {
			const requiredHours = Number(r.requiredHours);
			const rule: CompletionRule =
				r.ruleCohortId === null
					? defaultRule(requiredHours)
					: {
							requireLessons: r.requireLessons ?? true,
							minOnlineHours: r.minOnlineHours === null ? null : Number(r.minOnlineHours),
							onlineHoursCap: r.onlineHoursCap === null ? null : Number(r.onlineHoursCap),
							minAttendanceRate: r.minAttendanceRate,
							maxUnexcusedAbsences: r.maxUnexcusedAbsences,
							requireFinalExam: r.requireFinalExam ?? false,
							finalExamId: r.finalExamId,
							reflectionMinChars: r.reflectionMinChars
						};
			return [
				r.id,
				{
					id: r.id,
					name: r.name,
					status: r.status,
					startsOn: r.startsOn,
					endsOn: r.endsOn,
					requiredHours,
					orgUnitId: r.orgUnitId,
					courseId: r.courseId,
					courseCode: r.courseCode,
					courseTitle: r.courseTitle,
					courseCategory: r.courseCategory,
					validityMonths: Number(r.validityMonths),
					rule,
					ruleSaved: r.ruleCohortId !== null,
					finalExamId: r.finalExamId ?? null
				}
			];
		})
	);
}

// ─── ADAPTERS ────────────────────────────────────────────────────────────────────────────
// Attendance comes from the attendance module's summaryRows (attendanceSummary's set-based
// form); only what it does not give is read here: sessions still to come (for "pending") and
// distinct days attended (for the development module's "≥ 3 days").
// The quiz module has no per-learner final-exam result usable set-based (examResults is
// per exam and paged), so examFacts below reads exam/exam_attempt/exam_override directly, with
// the same counting attempt as quiz/results.ts (highest, or the last submitted). If the quiz
// module gains such a function, make examFacts call it and keep its return shape.

/** Per (cohort, learner): sessions counted and still to come, attended, leave, absences, offline hours and days. */
export async function attendanceFacts(db: Db, cohortIds: number[], personIds: number[]) {
	const out = new Map<string, AttendanceInput>();
	if (cohortIds.length === 0 || personIds.length === 0) return out;
	const single = cohortIds.length === 1 ? { cohortId: cohortIds[0] } : {};
	const wanted = new Set(cohortIds);
	const attended = sql.join(attendedStatuses.map((s) => sql.lit(s)));
	const [summary, totals, days] = await Promise.all([
		summaryRows(db, { ...single, personIds }),
		// Same definition as attendance's cohortSessionTotals, grouped for many cohorts.
		db
			.selectFrom('session')
			.select(['cohortId', sql<number>`count(*) filter (where closed_at is null)`.as('upcoming')])
			.where('cohortId', 'in', cohortIds)
			.where('status', '=', 'scheduled')
			.groupBy('cohortId')
			.execute(),
		db
			.selectFrom('attendance as a')
			.innerJoin('session as s', 's.id', 'a.sessionId')
			.select(['s.cohortId', 'a.personId', sql<number>`count(distinct (s.starts_at at time zone 'Asia/Shanghai')::date)`.as('days')])
			.where('s.cohortId', 'in', cohortIds)
			.where('a.personId', 'in', personIds)
			.where('s.status', '=', 'scheduled')
			.where('s.closedAt', 'is not', null)
			.where(sql<boolean>`a.status in (${attended})`)
			.groupBy(['s.cohortId', 'a.personId'])
			.execute()
	]);
	const upcoming = new Map(totals.map((t) => [t.cohortId, Number(t.upcoming)]));
	const daysOf = new Map(days.map((d) => [key(d.cohortId, d.personId), Number(d.days)]));
	for (const r of summary) {
		if (!wanted.has(r.cohortId)) continue;
		out.set(key(r.cohortId, r.personId), {
			sessions: r.sessions + (upcoming.get(r.cohortId) ?? 0),
			held: r.sessions,
			attended: r.attended,
			leave: r.leave,
			absent: r.absent,
			offlineHours: r.hoursCredited,
			days: daysOf.get(key(r.cohortId, r.personId)) ?? 0
		});
	}
	return out;
}

/** Per (cohort, learner): the final exam's result by its grading method, with the learner's window. */
export async function examFacts(db: Db, finalExams: { cohortId: number; examId: number }[], personIds: number[], now: Date) {
	const out = new Map<string, ExamInput>();
	const exams = new Map<number, ExamInput & { cohortId: number }>();
	if (finalExams.length === 0 || personIds.length === 0) return { byLearner: out, exams };
	const examIds = finalExams.map((e) => e.examId);
	const [defs, results] = await Promise.all([
		db.selectFrom('exam').select(['id', 'cohortId', 'title', 'passMark', 'attemptsAllowed', 'opensAt', 'closesAt']).where('id', 'in', examIds).execute(),
		db
			.selectFrom('examAttempt as a')
			.innerJoin('exam as x', 'x.id', 'a.examId')
			.leftJoin('examOverride as o', (j) => j.onRef('o.examId', '=', 'a.examId').onRef('o.personId', '=', 'a.personId'))
			.select([
				'a.examId',
				'a.personId',
				sql<number>`count(*)`.as('attemptsUsed'),
				sql<boolean>`bool_or(a.status = 'in_progress' and a.deadline_at > ${now})`.as('inProgress'),
				countingScoreSql(sql.ref('a.examId'), sql.ref('a.personId'), sql.ref('x.gradingMethod')).as('score'),
				sql<number>`max(o.extra_attempts)`.as('extraAttempts'),
				sql<Date | null>`max(o.opens_at)`.as('opensAt'),
				sql<Date | null>`max(o.closes_at)`.as('closesAt')
			])
			.where('a.examId', 'in', examIds)
			.where('a.personId', 'in', personIds)
			.groupBy(['a.examId', 'a.personId', 'x.gradingMethod'])
			.execute()
	]);
	// Overrides of learners who have not started (a 补考 window granted before any attempt).
	const overrides = await db
		.selectFrom('examOverride')
		.select(['examId', 'personId', 'extraAttempts', 'opensAt', 'closesAt'])
		.where('examId', 'in', examIds)
		.where('personId', 'in', personIds)
		.execute();
	for (const d of defs) {
		const passMark = Number(d.passMark);
		exams.set(d.id, {
			cohortId: d.cohortId,
			title: d.title,
			passMark,
			score: null,
			passed: null,
			attemptsUsed: 0,
			attemptsAllowed: d.attemptsAllowed,
			opensAt: d.opensAt,
			closesAt: d.closesAt,
			inProgress: false
		});
	}
	for (const o of overrides) {
		const e = exams.get(o.examId)!;
		out.set(key(e.cohortId, o.personId), {
			...e,
			attemptsAllowed: e.attemptsAllowed + o.extraAttempts,
			opensAt: o.opensAt ?? e.opensAt,
			closesAt: o.closesAt ?? e.closesAt
		});
	}
	for (const r of results) {
		const e = exams.get(r.examId)!;
		const score = r.score === null ? null : Number(r.score);
		out.set(key(e.cohortId, r.personId), {
			...e,
			score,
			passed: score === null ? null : score >= e.passMark,
			attemptsUsed: Number(r.attemptsUsed),
			attemptsAllowed: e.attemptsAllowed + Number(r.extraAttempts ?? 0),
			opensAt: r.opensAt ?? e.opensAt,
			closesAt: r.closesAt ?? e.closesAt,
			inProgress: r.inProgress
		});
	}
	return { byLearner: out, exams };
}
// ─── END OF ADAPTERS ────────────────────────────────────────────────────────────────────

async function reflectionFacts(db: Db, cohortIds: number[], personIds: number[]) {
	const out = new Map<string, ReflectionInput>();
	if (cohortIds.length === 0 || personIds.length === 0) return out;
	const rows = await db
		.selectFrom('reflection')
		.select(['cohortId', 'personId', 'status', 'chars', 'reviewComment'])
		.where('cohortId', 'in', cohortIds)
		.where('personId', 'in', personIds)
		.execute();
	for (const r of rows) out.set(key(r.cohortId, r.personId), { status: r.status, chars: r.chars, reviewComment: r.reviewComment });
	return out;
}

const noAttendance: AttendanceInput = { sessions: 0, held: 0, attended: 0, leave: 0, absent: 0, offlineHours: 0, days: 0 };

/**
 * Everything the completion rule looks at, for every enrolment matching the filter, in a fixed
 * number of set-based queries (no per-learner queries): lessons and online hours from the
 * cohorts module, attendance, the final exam and the reflection essay.
 */
export async function loadCompletionFacts(db: Db, filter: CompletionFilter, now: Date) {
	const progress = await progressRows(db, filter);
	const cohorts = await cohortFacts(db, [...new Set(progress.map((p) => p.cohortId))]);
	const rows = filter.category ? progress.filter((p) => cohorts.get(p.cohortId)?.courseCategory === filter.category) : progress;
	const cohortIds = [...new Set(rows.map((r) => r.cohortId))];
	const personIds = [...new Set(rows.map((r) => r.personId))];
	const finalExams = cohortIds.flatMap((id) => {
		const examId = cohorts.get(id)!.finalExamId;
		return examId === null ? [] : [{ cohortId: id, examId }];
	});
	const [attendance, exams, reflections] = await Promise.all([
		attendanceFacts(db, cohortIds, personIds),
		examFacts(db, finalExams, personIds, now),
		reflectionFacts(db, cohortIds, personIds)
	]);
	const learners: LearnerFacts[] = rows.map((p) => {
		const cohort = cohorts.get(p.cohortId)!;
		const k = key(p.cohortId, p.personId);
		const exam = cohort.finalExamId === null ? null : (exams.byLearner.get(k) ?? exams.exams.get(cohort.finalExamId) ?? null);
		return {
			cohortId: p.cohortId,
			personId: p.personId,
			username: p.username,
			name: p.name,
			orgUnitId: p.orgUnitId,
			orgName: p.orgName,
			orgPath: p.orgPath,
			inputs: {
				cohort: { status: cohort.status, endsOn: cohort.endsOn },
				lessons: { required: p.lessonsRequired, done: p.lessonsDone },
				onlineHours: p.hoursCredited,
				attendance: attendance.get(k) ?? noAttendance,
				exam: exam && { ...exam },
				reflection: reflections.get(k) ?? null
			}
		};
	});
	return { cohorts, learners };
}

/** loadCompletionFacts for one cohort's learners (optionally some, or one unit's). */
export function completionInputs(db: Db, cohortId: number, options: { personIds?: number[]; underPath?: string; paths?: string[] } = {}, now = new Date()) {
	return loadCompletionFacts(db, { ...options, cohortId }, now);
}
