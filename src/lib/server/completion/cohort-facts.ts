import { sql } from 'kysely';
import type { CourseCategory } from '../db/schema';
import { defaultRule, type CompletionRule } from './rule';
import type { Db } from '$lib/server/db';

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
