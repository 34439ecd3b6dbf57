import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { evaluateCompletion, type CompletionResult } from './evaluate';
import { loadCompletionFacts, type CompletionFilter, type LearnerFacts } from './inputs';
import type { CohortFacts } from './cohort-facts';

export interface LearnerCompletion extends LearnerFacts {
	cohort: CohortFacts;
	result: CompletionResult;
}

/** Facts and the evaluation for every enrolment matching the filter: what every screen shows. */
export async function learnerCompletion(db: Kysely<Database>, filter: CompletionFilter, now = new Date()) {
	const { cohorts, learners } = await loadCompletionFacts(db, filter, now);
	const rows: LearnerCompletion[] = learners.map((l) => {
		const cohort = cohorts.get(l.cohortId)!;
		return { ...l, cohort, result: evaluateCompletion(cohort.rule, l.inputs, now) };
	});
	return { cohorts, rows };
}
