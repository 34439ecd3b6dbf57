import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../engine/dates';
import { loadDossiers, loadDossiersInChunks } from './load';
import { seededTestDatabase, insertPerson, personWithHistory, type SeededTest } from '../../../../test-support/development-db';

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

	it('gives entries oldest first whatever the order they were written in, a confirmed one marked, and a chunk that can be read twice', async () => {
		const p = await insertPerson(t.db, { orgUnitId: s.csBranch.id });
		await t.db.insertInto('developmentRecord').values({ personId: p.id, stage: 'applicant', stageSince: addDays(today, -90) }).execute();
		const entry = (occurredOn: string, details: Record<string, unknown>, confirmed = false) => ({
			personId: p.id,
			kind: 'thought_report' as const,
			occurredOn,
			details,
			...(confirmed ? { confirmedAt: now, confirmedBy: s.users.organizer.id } : {})
		});
		// Written newest first; a later-dated entry between, and one dated like another.
		await t.db.insertInto('developmentEntry').values([entry(addDays(today, -10), { n: 1, text: '“引号”\\与\n换行' }), entry(addDays(today, -30), { n: 2 }, true), entry(addDays(today, -20), { n: 3 }), entry(addDays(today, -30), { n: 4 })]).execute();
		const loaded = (await loadDossiers(t.db, [p.id], now)).get(p.id)!;
		expect(loaded.entries.map((e) => [e.on, e.d.n, e.confirmed])).toEqual([
			[addDays(today, -30), 2, true],
			[addDays(today, -30), 4, undefined],
			[addDays(today, -20), 3, undefined],
			[addDays(today, -10), 1, undefined]
		]);
		expect(loaded.entries[3].d.text).toBe('“引号”\\与\n换行');
		expect(loaded.dossier.thoughtReports).toEqual([addDays(today, -30), addDays(today, -30), addDays(today, -20), addDays(today, -10)]);
		let reads = 0;
		await loadDossiersInChunks(t.db, [p.id], now, (chunk) => {
			const first = [...chunk];
			expect([...chunk]).toEqual(first);
			expect(first).toEqual([[p.id, loaded]]);
			reads++;
		});
		expect(reads).toBe(1);
	});
});
