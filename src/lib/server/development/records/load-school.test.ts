import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../engine/dates';
import { evaluateTransition } from '../engine/evaluate-transition';
import { assess } from '../standing';
import { rulesInEffect } from '../settings/rules-in-effect';
import { loadDossier, loadDossiersInChunks, type LoadedPerson } from './load';
import { seededTestDatabase, insertPerson, personWithHistory, type SeededTest } from '../../../../test-support/development-db';

// The school-wide path (bench:pipeline, the due lists, the exports: chunks side by side, entries
// sent as compact JSON text with empty details left out) against the per-person path a transition
// and the record page take, and against the entries as the table holds them: for generated
// histories of every stage, with gaps and missing certificates, the same entries, dossier,
// standing and verdict on every transition.

const today = '2026-11-20';
const now = new Date('2026-11-20T04:00:00Z');
const transitions = ['to_activist', 'to_candidate', 'to_probationary', 'to_member'] as const;
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

const entryKey = (e: { kind: string; on: string; d: unknown; confirmed?: boolean }) => JSON.stringify([e.on, e.kind, e.d, e.confirmed === true]);

describe('the school-wide load', () => {
	it('gives every generated person the entries on record, and the dossier, standing and verdicts of their own load', async () => {
		const stages = ['applicant', 'activist', 'candidate', 'probationary', 'member'] as const;
		const ids: number[] = [];
		for (let i = 0; i < 15; i++) {
			const stage = stages[i % stages.length];
			const since = addDays(today, -[40, 150, 300, 420][i % 4] - (stage === 'member' ? 400 : 0));
			const p = await personWithHistory(t.db, s, i % 2 ? s.csBranch.id : s.medBranch.id, { stage, since, today, gaps: i % 3 === 1 ? 1 : undefined, withoutActivistCertificate: i % 4 === 3, undecided: i % 5 === 4 });
			ids.push(p.id);
		}
		ids.push((await insertPerson(t.db, { orgUnitId: s.csBranch.id })).id); // never recorded
		// A confirmed entry with details, and an entry with none, beside the generated ones.
		await t.db
			.insertInto('developmentEntry')
			.values([
				{ personId: ids[1], kind: 'thought_report', occurredOn: addDays(today, -5), details: {} },
				{ personId: ids[1], kind: 'evaluation', occurredOn: addDays(today, -6), details: { note: '“引号”\\与\n换行' }, confirmedAt: now, confirmedBy: s.users.organizer.id }
			])
			.execute();

		const onRecord = await t.db
			.selectFrom('developmentEntry')
			.select(['personId', 'kind', 'occurredOn', 'details', 'confirmedAt'])
			.where('personId', 'in', ids)
			.where('voidedAt', 'is', null)
			.where('kind', '<>', 'stage_change')
			.execute();
		const rules = await rulesInEffect(t.db, now);
		const school = new Map<number, LoadedPerson>();
		await loadDossiersInChunks(t.db, ids, now, (chunk) => {
			for (const [id, l] of chunk) school.set(id, l);
		}, { chunkSize: 4 });
		expect(school.size).toBe(ids.length);

		let withEmptyDetails = 0;
		for (const id of ids) {
			const l = school.get(id)!;
			const expected = onRecord.filter((e) => e.personId === id).map((e) => ({ kind: e.kind, on: e.occurredOn, d: e.details, confirmed: e.confirmedAt !== null }));
			expect(l.entries.map(entryKey).sort(), `entries of ${id}`).toEqual(expected.map(entryKey).sort());
			expect(l.entries.map((e) => e.on), `entries of ${id} oldest first`).toEqual(l.entries.map((e) => e.on).sort());
			withEmptyDetails += l.entries.filter((e) => Object.keys(e.d).length === 0).length;

			const own = (await loadDossier(t.db, id, now))!;
			expect(l.dossier, `dossier of ${id}`).toEqual(own.dossier);
			expect(assess(l, rules), `standing of ${id}`).toEqual(assess(own, rules));
			for (const tr of transitions) {
				expect(evaluateTransition(l.dossier, tr, rules.settings, rules.ctx), `${tr} of ${id}`).toEqual(evaluateTransition(own.dossier, tr, rules.settings, rules.ctx));
			}
		}
		// The generated histories do hold entries without details (left out of the JSON text).
		expect(withEmptyDetails).toBeGreaterThan(20);
		expect(school.get(ids[1])!.entries.find((e) => e.kind === 'evaluation' && e.confirmed)!.d).toEqual({ note: '“引号”\\与\n换行' });
	});
});
