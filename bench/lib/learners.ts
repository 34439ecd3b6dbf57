// Signed-in learners for load tests, made directly in the database (no argon2 per learner).
import { generateSessionToken, sessionIdOf } from '../../src/lib/server/auth/session';
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
	// Sessions as createSession writes them, a thousand per statement (20,000 learners one by one took minutes).
	const learners = people.map((p) => ({ id: p.id, token: generateSessionToken() }));
	const expiresAt = new Date(Date.now() + 30 * 24 * 3600_000);
	for (let i = 0; i < learners.length; i += 1000) {
		await db.insertInto('authSession').values(learners.slice(i, i + 1000).map((l) => ({ id: sessionIdOf(l.token), personId: l.id, expiresAt }))).execute();
	}
	return learners.map((l) => ({ id: l.id, cookie: `dx_session=${l.token}` }));
}
