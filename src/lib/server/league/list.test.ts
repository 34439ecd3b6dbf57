import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildSchool } from '../../../test-support/cohorts';
import { leagueList, leaguePage } from './list';

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildSchool>>;
let paths: string[];

beforeAll(async () => {
	t = await testDatabase();
	s = await buildSchool(t.db);
	paths = [s.units.cs.path];
	// 23 League members in the computer science branches, every third already recommended;
	// one recommendation voided; a 发展对象 and a closed record are not listed.
	const people = await t.db
		.insertInto('person')
		.values(Array.from({ length: 25 }, (_, i) => ({ username: `L${String(i).padStart(3, '0')}`, name: `团员${i}`, gender: 'female' as const, orgUnitId: i % 2 ? s.units.csPg.id : s.units.csUg1.id, politicalStatus: 'activist' as const })))
		.returning('id')
		.execute();
	await t.db
		.insertInto('developmentRecord')
		.values(people.map((p, i) => ({ personId: p.id, stage: i === 23 ? ('candidate' as const) : i % 2 ? ('applicant' as const) : ('activist' as const), stageSince: '2026-01-01', isLeagueMember: true, closedOn: i === 24 ? '2026-02-01' : null, closedReason: i === 24 ? ('withdrawn' as const) : null })))
		.execute();
	const recommended = people.filter((_, i) => i < 23 && i % 3 === 0);
	await t.db
		.insertInto('developmentEntry')
		.values(recommended.map((p) => ({ personId: p.id, kind: 'nomination' as const, occurredOn: '2026-03-01', details: { kind: 'league_recommendation', note: '' } })))
		.execute();
	await t.db
		.insertInto('developmentEntry')
		.values({ personId: people[1].id, kind: 'nomination', occurredOn: '2026-03-02', details: { kind: 'league_recommendation', note: '' }, voidedAt: new Date(), voidReason: '误录' })
		.execute();
});
afterAll(() => t.close());

describe('the 推优 list', () => {
	it('pages in SQL: pages of 10 cover everyone once, in tree order, with the total', async () => {
		const all = await leagueList(t.db, paths, {});
		expect(all).toHaveLength(23);
		const pages = await Promise.all([1, 2, 3, 4].map((n) => leaguePage(t.db, paths, {}, n, 10)));
		expect(pages.map((p) => [p.total, p.rows.length])).toEqual([
			[23, 10],
			[23, 10],
			[23, 3],
			[23, 0]
		]);
		expect(pages.flatMap((p) => p.rows)).toEqual(all);
	});

	it('counts and pages the filtered list the same way', async () => {
		const done = await leaguePage(t.db, paths, { status: 'done' }, 2, 5);
		expect([done.total, done.rows.length]).toEqual([8, 3]);
		expect(done.rows.every((r) => r.lastRecommendation === '2026-03-01')).toBe(true);
		const pending = await leaguePage(t.db, paths, { status: 'pending', branch: s.units.csPg.id }, 1, 5);
		expect(pending.total).toBe((await leagueList(t.db, paths, { status: 'pending', branch: s.units.csPg.id })).length);
		expect(pending.rows.every((r) => r.lastRecommendation === null)).toBe(true);
		expect((await leaguePage(t.db, [s.units.med.path], {}, 1, 5)).total).toBe(0);
	});
});
