import type { ReflectionStatus } from '../certificates/tables';
import type { Db } from '$lib/server/db';

/** What the completion rule reads of one learner's 心得体会. */
export interface ReflectionFacts {
	status: ReflectionStatus;
	chars: number;
	reviewComment: string | null;
}

/** Per (cohort, learner) who has written one. */
export async function reflectionFacts(db: Db, cohortIds: number[], personIds: number[]): Promise<{ cohortId: number; personId: number; facts: ReflectionFacts }[]> {
	if (cohortIds.length === 0 || personIds.length === 0) return [];
	const rows = await db
		.selectFrom('reflection')
		.select(['cohortId', 'personId', 'status', 'chars', 'reviewComment'])
		.where('cohortId', 'in', cohortIds)
		.where('personId', 'in', personIds)
		.execute();
	return rows.map(({ cohortId, personId, ...facts }) => ({ cohortId, personId, facts }));
}
