import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../engine/dates';
import { loadDossiers } from './load';
import { seededTestDatabase, insertPerson, personWithHistory, type SeededTest } from '../testing-db';

// A school is loaded in chunks that run side by side: every person must come back once, with the
// same dossier as when all are loaded in one set of queries.

const today = '2026-11-20';
const now = new Date('2026-11-20T04:00:00Z');
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

describe('loading many people in chunks', () => {
	it('gives each person the dossier a single load gives, whatever the chunk size', async () => {
		const stages = ['applicant', 'activist', 'candidate', 'probationary', 'member'] as const;
		const people = [];
		for (const [i, stage] of stages.entries()) people.push(await personWithHistory(t.db, s, s.csBranch.id, { stage, since: addDays(today, -200 - i * 30), today }));
		people.push(await insertPerson(t.db, { orgUnitId: s.csBranch.id })); // never recorded
		const ids = people.map((p) => p.id);
		const whole = await loadDossiers(t.db, ids, now);
		for (const chunkSize of [1, 2, 4]) {
			const chunked = await loadDossiers(t.db, [...ids, ids[0]], now, { chunkSize });
			expect(chunked.size, `chunks of ${chunkSize}`).toBe(ids.length);
			for (const id of ids) expect(chunked.get(id), `person ${id}, chunks of ${chunkSize}`).toEqual(whole.get(id));
		}
		expect(whole.get(people[1].id)!.dossier.decisions.length).toBeGreaterThan(0);
	});
});
