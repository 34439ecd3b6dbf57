import type { Kysely } from 'kysely';
import type { Database, PoliticalStatus } from '../db/schema';
import { inScope } from '../auth/scope';

/** People per political status within the given subtrees: one grouped query. */
export async function stageCounts(db: Kysely<Database>, paths: string[]) {
	const rows = await db
		.selectFrom('person as p')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.select(['p.politicalStatus', (eb) => eb.fn.countAll<number>().as('n')])
		.where(inScope('o.path', paths))
		.where('p.isActive', '=', true)
		.groupBy('p.politicalStatus')
		.execute();
	return Object.fromEntries(rows.map((r) => [r.politicalStatus, Number(r.n)])) as Partial<Record<PoliticalStatus, number>>;
}
