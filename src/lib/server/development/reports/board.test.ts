import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../engine/dates';
import { rulesInEffect } from '../settings/rules-in-effect';
import { seededTestDatabase, personWithHistory, type SeededTest } from '../../../../test-support/development-db';
import { assessPeople, boardPage, pipelinePeople } from './board';

// The board of a big branch loads one page: the counts and the total come from SQL over the whole
// branch, and the page's people are the same, with the same verdicts, as in the full list.

const today = '2026-11-20';
const now = new Date('2026-11-20T04:00:00Z');
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
	for (let i = 0; i < 7; i++) {
		await personWithHistory(t.db, s, s.medBranch.id, { stage: i < 3 ? 'applicant' : 'activist', since: addDays(today, -60 - i * 40), today });
	}
});
afterAll(() => t.close());

describe('the branch board, a page at a time', () => {
	it('counts the whole branch in SQL and assesses only the page, as the full list does', async () => {
		const rules = await rulesInEffect(t.db, now);
		const all = await assessPeople(t.db, await pipelinePeople(t.db, [s.school.path], { orgUnitId: s.medBranch.id }), rules);
		const board = await boardPage(t.db, [s.school.path], { orgUnitId: s.medBranch.id }, rules, 2, 3);
		expect(board.total).toBe(all.length);
		expect(all.length).toBeGreaterThanOrEqual(7);
		for (const stage of ['applicant', 'activist', 'candidate', 'probationary', 'member'] as const) {
			expect(board.counts[stage], stage).toBe(all.filter((p) => p.stage === stage).length);
		}
		expect(board.people).toHaveLength(3);
		expect(board.people).toEqual(all.slice(3, 6));
	});

	it('filters by stage and name in SQL, and shows the last page for one past the end', async () => {
		const rules = await rulesInEffect(t.db, now);
		const activists = await boardPage(t.db, [s.school.path], { orgUnitId: s.medBranch.id, stage: 'activist' }, rules, 99, 3);
		expect(activists.total).toBe(activists.counts.activist);
		expect(activists.page).toBe(Math.ceil(activists.total / 3));
		expect(activists.people.length).toBeGreaterThan(0);
		expect(activists.people.every((p) => p.stage === 'activist')).toBe(true);
		const one = activists.people[0];
		const byName = await boardPage(t.db, [s.school.path], { orgUnitId: s.medBranch.id, q: one.username }, rules);
		expect(byName.people.map((p) => p.id)).toEqual([one.id]);
		const outOfScope = await boardPage(t.db, [s.csBranch.path], { orgUnitId: s.medBranch.id }, rules);
		expect(outOfScope.total).toBe(0);
		expect(outOfScope.people).toEqual([]);
	});
});
