import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { seededTestDatabase, type SeededTest } from '../../../../test-support/development-db';
import { loadDossiers } from '../records/load';
import { decisionFor, meetingFor, probationPeriod } from '../engine/dossier-lookups';
import { addDays } from '../engine/dates';
import { insertOrgUnit } from '../../org/units';
import { writeHistories, type HistoryTarget } from '../histories/store';
import { varietyPerson } from '../histories/variety';
import { stageOrder } from '$lib/development/labels';
import { educationLabels } from '$lib/people/registry';
import { NOT_FILLED, statisticDimensions, statisticMeasures, type StatisticDimension, type StatisticMeasure } from '$lib/development/statistics';
import { developmentStatistics } from './statistics';

// The year report's tables against a count done another way: the same people's dossiers as the
// engine reads them (latest decision, admitting meeting, probation with its extensions), each
// person's college found by walking the org tree, every cell tallied in plain code.

const today = '2026-11-20';
const now = new Date('2026-11-20T04:00:00Z');
const PEOPLE = 320;
let { t, s } = {} as SeededTest;
let ids: number[] = [];

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
	const db = t.db;
	// Branches of both colleges, a college's own office, and the school itself.
	const units = [s.csBranch.id, s.medBranch.id, s.cs.id, s.csBranch.id, s.medBranch.id, s.med.id, s.school.id];
	const people = Array.from({ length: PEOPLE }, (_, i) => ({ i, v: varietyPerson(i, today) }));
	const rows = await db
		.insertInto('person')
		.values(people.map(({ i, v }) => ({ username: `st-${i}`, name: `统计${i}`, gender: v.gender, ethnicity: v.ethnicity, education: v.education, grade: i % 29 === 3 ? '  ' : v.grade, orgUnitId: units[i % units.length] })))
		.returning('id')
		.execute();
	ids = rows.map((r) => r.id);
	const targets: HistoryTarget[] = people.map(({ i, v }) => ({ personId: ids[i], name: `统计${i}`, history: v.history }));
	await writeHistories(db, targets, { recordedBy: s.users.secretary.id, cohorts: {}, issuingBody: '示范大学党委党校', serialPrefix: 'ST' });

	const of = (stage: string) => people.filter(({ v }) => v.history.stage === stage).map(({ i }) => ids[i]);
	// A mistaken decision voided: the person's earlier one (if any) is what counts.
	const activists = of('activist');
	await db.updateTable('developmentEntry').set({ voidedAt: now, voidedBy: s.users.secretary.id, voidReason: '录入错误' })
		.where('kind', '=', 'decision').where('personId', 'in', activists.slice(0, 12)).execute();
	// A voided application dated in the year does not count either.
	await db.insertInto('developmentEntry').values(of('applicant').slice(0, 10).map((personId) => ({ personId, kind: 'application' as const, occurredOn: '2025-03-03', details: {}, voidedAt: now, voidedBy: s.users.secretary.id, voidReason: '重复录入' }))).execute();
	// Probation extended by 6 months: 转正 moves with it.
	await db.insertInto('developmentEntry').values([...of('member').slice(0, 10), ...of('probationary').slice(0, 4)].map((personId) => ({ personId, kind: 'probation_extension' as const, occurredOn: '2025-01-10', details: { months: 6, note: '' } }))).execute();
	// Cancelled probation: admitted all the same.
	await db.updateTable('developmentRecord').set({ closedOn: '2026-06-01', closedReason: 'probation_cancelled' }).where('personId', 'in', of('probationary').slice(4, 8)).execute();
	// Withdrew as activists and applied again: still activists in the year they were made one.
	const returned = activists.slice(20, 26);
	const decided = await db.selectFrom('developmentEntry').select(['personId', 'occurredOn']).where('kind', '=', 'decision').where('personId', 'in', returned).where('voidedAt', 'is', null).execute();
	await db.insertInto('developmentEntry').values(decided.map((d) => ({ personId: d.personId, kind: 'stage_change' as const, occurredOn: d.occurredOn, details: { transition: 'to_activist', from: 'applicant', to: 'activist', settingsVersionId: null, ruleSetId: 'cpc-2014', warnings: [], exemptions: [] } }))).execute();
	await db.insertInto('developmentEntry').values(returned.map((personId, k) => ({ personId, kind: 'application' as const, occurredOn: addDays('2026-02-01', k * 20), details: {} }))).execute();
	await db.updateTable('developmentRecord').set({ stage: 'applicant', stageSince: '2026-02-01' }).where('personId', 'in', returned).execute();
	// Someone outside every scope asked about (another school's tree) is never counted.
	const other = await insertOrgUnit(db, { parentId: null, kind: 'committee', name: '别校党委', code: 'OTHER' });
	const stranger = await db.insertInto('person').values({ username: 'st-other', name: '外校', gender: 'male', orgUnitId: other.id }).returning('id').executeTakeFirstOrThrow();
	await writeHistories(db, [{ personId: stranger.id, name: '外校', history: varietyPerson(7, today).history }], { recordedBy: null, cohorts: {}, issuingBody: '别校党校', serialPrefix: 'SO' });
	await sql`analyze`.execute(db);
}, 60_000);
afterAll(() => t.close());

type Tally = Map<StatisticDimension | 'total', Map<string, Record<StatisticMeasure, number>>>;

/** Every cell counted from the dossiers, one person at a time. */
async function directCount(year: number, within: string): Promise<Tally> {
	const db = t.db;
	const units = await db.selectFrom('orgUnit').select(['id', 'parentId', 'path']).execute();
	const parent = new Map(units.map((u) => [u.id, u.parentId]));
	const collegeOf = (unitId: number) => {
		let u = unitId;
		while (parent.get(u) !== null && parent.get(parent.get(u)!) !== null) u = parent.get(u)!;
		return u;
	};
	const inside = new Set(units.filter((u) => u.path.startsWith(within)).map((u) => u.id));
	const people = await db.selectFrom('person').innerJoin('developmentRecord', 'developmentRecord.personId', 'person.id').select(['person.id', 'gender', 'ethnicity', 'education', 'grade', 'orgUnitId']).execute();
	const scoped = people.filter((p) => inside.has(p.orgUnitId));
	const changes = await db.selectFrom('developmentEntry').select(['personId', 'details']).where('kind', '=', 'stage_change').where('voidedAt', 'is', null).execute();
	const loaded = await loadDossiers(db, scoped.map((p) => p.id), now);
	const tally: Tally = new Map();
	const bump = (dim: StatisticDimension | 'total', key: string, m: StatisticMeasure) => {
		const byKey = tally.get(dim) ?? new Map();
		tally.set(dim, byKey);
		const cell = byKey.get(key) ?? { applicants: 0, activists: 0, candidates: 0, admitted: 0, confirmed: 0 };
		byKey.set(key, cell);
		cell[m]++;
	};
	const inYear = (d: string | undefined | null) => !!d && d.startsWith(`${year}-`);
	for (const p of scoped) {
		const l = loaded.get(p.id)!;
		const d = l.dossier;
		let reached = stageOrder.indexOf(l.record!.stage);
		for (const c of changes) if (c.personId === p.id) reached = Math.max(reached, stageOrder.indexOf((c.details as { to: never }).to));
		const took: Record<StatisticMeasure, boolean> = {
			applicants: inYear(d.application?.submittedOn),
			activists: reached >= 1 && inYear(decisionFor(d, 'activist')?.decidedOn),
			candidates: reached >= 2 && inYear(decisionFor(d, 'candidate')?.decidedOn),
			admitted: reached >= 3 && inYear(meetingFor(d, 'admission')?.heldOn),
			confirmed: reached >= 4 && inYear(probationPeriod(d, 12)?.endsOn)
		};
		const keys: Record<StatisticDimension | 'total', string> = {
			total: '',
			college: String(collegeOf(p.orgUnitId)),
			gender: p.gender,
			ethnicity: p.ethnicity?.trim() ?? '',
			grade: p.grade?.trim() ?? '',
			education: p.education ?? ''
		};
		for (const m of statisticMeasures) if (took[m]) for (const [dim, key] of Object.entries(keys)) bump(dim as StatisticDimension, key, m);
	}
	return tally;
}

const zero = { applicants: 0, activists: 0, candidates: 0, admitted: 0, confirmed: 0 };

describe('the annual development statistics', () => {
	for (const year of [2025, 2026]) {
		it(`${year}: every total and every cell of every breakdown is the direct count from the dossiers`, async () => {
			const stats = await developmentStatistics(t.db, [s.school.path], { year, probationMonths: 12 });
			const direct = await directCount(year, s.school.path);
			expect(stats.total).toEqual(direct.get('total')!.get(''));
			for (const m of statisticMeasures) expect(stats.total[m], m).toBeGreaterThan(0);
			for (const dim of statisticDimensions) {
				const expected = direct.get(dim)!;
				const got = new Map(stats.byDimension[dim].map((r) => [r.key, r.counts]));
				for (const [key, counts] of expected) expect(got.get(key), `${dim} ${key}`).toEqual(counts);
				// Nothing counted that the direct count did not find (a college may show with zeros).
				for (const [key, counts] of got) if (!expected.has(key)) expect(counts, `${dim} ${key}`).toEqual(zero);
				// Each person sits in one row per breakdown: the rows add up to the totals.
				for (const m of statisticMeasures) expect(stats.byDimension[dim].reduce((n, r) => n + r.counts[m], 0), `${dim} ${m}`).toBe(stats.total[m]);
			}
		});
	}

	it('shows people with an empty registry field as 未填写 rather than dropping them, and names rows in Chinese', async () => {
		const stats = await developmentStatistics(t.db, [s.school.path], { year: 2026, probationMonths: 12 });
		for (const dim of ['ethnicity', 'grade', 'education'] as const) {
			const last = stats.byDimension[dim].at(-1)!;
			expect(last.label, dim).toBe(NOT_FILLED);
			expect(last.key).toBe('');
		}
		expect(stats.byDimension.gender.map((r) => r.label)).toEqual(['男', '女']);
		expect(stats.byDimension.education[0].label).toBe(educationLabels.doctorate);
		expect(stats.byDimension.ethnicity[0].label).toBe('汉族');
		expect(stats.byDimension.grade[0].label).toBe('2021级');
		expect(stats.byDimension.college.map((r) => r.label)).toEqual(['示范大学党委', '计算机学院党委', '医学院党总支']);
	});

	it('a college organiser’s scope counts that college only, and an empty scope counts nothing', async () => {
		const cs = await developmentStatistics(t.db, [s.cs.path], { year: 2026, probationMonths: 12 });
		const direct = await directCount(2026, s.cs.path);
		expect(cs.total).toEqual(direct.get('total')!.get(''));
		expect(cs.byDimension.college.map((r) => r.key)).toEqual([String(s.cs.id)]);
		const school = await developmentStatistics(t.db, [s.school.path], { year: 2026, probationMonths: 12 });
		expect(cs.byDimension.college[0].counts).toEqual(school.byDimension.college.find((r) => r.key === String(s.cs.id))!.counts);
		for (const m of statisticMeasures) expect(cs.total[m]).toBeLessThan(school.total[m]);
		const none = await developmentStatistics(t.db, [], { year: 2026, probationMonths: 12 });
		expect(none.total).toEqual(zero);
		expect(none.byDimension.college).toEqual([]);
	});
});
