import { sql } from 'kysely';

// Raw, because it is used inside queries with different table sets; `c` is the cohort.
export const teaches = (personId: number) =>
	sql<boolean>`exists (select 1 from cohort_instructor ci where ci.cohort_id = c.id and ci.person_id = ${personId})`;
export const assists = (personId: number) =>
	sql<boolean>`exists (select 1 from attendance_assistant aa where aa.cohort_id = c.id and aa.person_id = ${personId})`;

/** A LIKE pattern matching `q` anywhere, with its wildcards escaped. */
export { containsPattern as likeText } from '../auth/scope';
