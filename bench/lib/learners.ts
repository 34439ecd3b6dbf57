// Signed-in learners for load tests, made directly in the database (no argon2 per learner).
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import type { Stack } from './stack';

export async function makeLearners(db: Stack['db'], count: number, options: { cohortId?: number; prefix?: string } = {}) {
	const branch = await db.selectFrom('orgUnit').select('id').where('kind', '=', 'branch').orderBy('id').executeTakeFirstOrThrow();
	const prefix = options.prefix ?? 'bench';
	const rows = Array.from({ length: count }, (_, i) => ({
		username: `${prefix}${String(i).padStart(5, '0')}`,
		name: `压测学员${i}`,
		gender: 'male' as const,
		orgUnitId: branch.id,
		politicalStatus: 'activist' as const,
		mustChangePassword: false
	}));
	const people: { id: number }[] = [];
	for (let i = 0; i < rows.length; i += 1000) {
		people.push(...(await db.insertInto('person').values(rows.slice(i, i + 1000)).returning('id').execute()));
	}
	if (options.cohortId) {
		const cohortId = options.cohortId;
		for (let i = 0; i < people.length; i += 1000) {
			await db.insertInto('enrollment').values(people.slice(i, i + 1000).map((p) => ({ cohortId, personId: p.id }))).execute();
		}
	}
	const learners: { id: number; cookie: string }[] = [];
	for (const p of people) {
		const token = generateSessionToken();
		await createSession(db, token, p.id);
		learners.push({ id: p.id, cookie: `dx_session=${token}` });
	}
	return learners;
}
