import type { CourseCategory } from '../db/schema';
import { progressRows } from '../cohorts/progress';
import { attendanceFacts, noAttendance } from '../attendance/completion-facts';
import { finalExamFacts } from '../quiz/completion-facts';
import { reflectionFacts } from './reflection-facts';
import { cohortFacts } from './cohort-facts';
import type { CompletionInputs } from './evaluate';
import type { Db } from '$lib/server/db';

// Composition only: each feature loads its own facts (lessons and online hours: cohorts/progress,
// attendance: attendance/completion-facts, the final exam: quiz/completion-facts, the essay:
// reflection-facts); this joins them per enrolment.

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

const key = (r: { cohortId: number; personId: number }) => `${r.cohortId}:${r.personId}`;
const byLearner = <T extends { cohortId: number; personId: number }>(rows: T[]) => new Map(rows.map((r) => [key(r), r]));

/**
 * Everything the completion rule looks at, for every enrolment matching the filter, in a fixed
 * number of set-based queries (no per-learner queries).
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
		attendanceFacts(db, cohortIds, personIds).then(byLearner),
		finalExamFacts(db, finalExams, personIds, now),
		reflectionFacts(db, cohortIds, personIds).then(byLearner)
	]);
	const examOf = byLearner(exams.learners);
	const learners: LearnerFacts[] = rows.map((p) => {
		const cohort = cohorts.get(p.cohortId)!;
		const k = key(p);
		const exam = cohort.finalExamId === null ? null : (examOf.get(k)?.facts ?? exams.exams.get(cohort.finalExamId) ?? null);
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
				attendance: attendance.get(k)?.facts ?? noAttendance,
				exam: exam && { ...exam },
				reflection: reflections.get(k)?.facts ?? null
			}
		};
	});
	return { cohorts, learners };
}

/** loadCompletionFacts for one cohort's learners (optionally some, or one unit's). */
export function completionInputs(db: Db, cohortId: number, options: { personIds?: number[]; underPath?: string; paths?: string[] } = {}, now = new Date()) {
	return loadCompletionFacts(db, { ...options, cohortId }, now);
}
