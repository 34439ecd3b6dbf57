import type { Db } from '$lib/server/db';

export interface RetakeContacts {
	instructors: string[];
	/** who set the cohort up, and the unit that runs it */
	organiser: string | null;
	unit: string;
}

/** Whom a learner without attempts left asks for a 补考: the cohort's instructors and its organiser. */
export async function retakeContacts(db: Db, cohortId: number): Promise<RetakeContacts> {
	const [cohort, instructors] = await Promise.all([
		db
			.selectFrom('cohort as c')
			.innerJoin('orgUnit as o', 'o.id', 'c.orgUnitId')
			.leftJoin('person as p', 'p.id', 'c.createdBy')
			.select(['o.name as unit', 'p.name as organiser'])
			.where('c.id', '=', cohortId)
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('cohortInstructor as ci')
			.innerJoin('person as p', 'p.id', 'ci.personId')
			.select('p.name')
			.where('ci.cohortId', '=', cohortId)
			.orderBy('p.name')
			.execute()
	]);
	return { instructors: instructors.map((i) => i.name), organiser: cohort.organiser, unit: cohort.unit };
}
