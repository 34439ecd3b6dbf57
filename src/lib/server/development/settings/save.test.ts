import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../engine/dates';
import { rulesInEffect } from './rules-in-effect';
import { deleteCalendarYear, saveCalendarYear, saveSettings } from './save';
import { performTransition } from '../transitions/perform';
import { seededTestDatabase, personWithHistory, type SeededTest } from '../../../../test-support/development-db';
import { cn2026 } from '../engine/calendar-data';

// A change of settings applies to later transitions only; the server refuses a setting below a
// national floor with the engine's message; the calendar is validated JSON, audited.

const now = new Date('2026-11-20T04:00:00Z');
const today = '2026-11-20';
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

const applicant = () => personWithHistory(t.db, s, s.csBranch.id, { stage: 'applicant', since: addDays(today, -200), today });

describe('settings', () => {
	it('are refused below a national floor and to anyone but the organisation department', async () => {
		const floor = await saveSettings(t.db, s.users.admin, { ruleSetId: 'cpc-2014', overrides: { 'one-year': { months: 10 } }, effectiveFrom: today, note: '' }, { now });
		expect(floor).toMatchObject({ ok: false, errors: ['『培养考察满一年』的月数不能低于全国规定的 12 个月'] });
		expect(await saveSettings(t.db, s.users.organizer, { ruleSetId: 'cpc-2014', overrides: {}, effectiveFrom: today, note: '' }, { now })).toMatchObject({ ok: false, status: 403 });
		const past = await saveSettings(t.db, s.users.admin, { ruleSetId: 'cpc-2014', overrides: {}, effectiveFrom: addDays(today, -1), note: '' }, { now });
		expect(past).toMatchObject({ ok: false, status: 400 });
	});

	it('apply to transitions after they take effect, never to earlier ones', async () => {
		const [a, b, c] = [await applicant(), await applicant(), await applicant()];
		const before = await rulesInEffect(t.db, now);
		expect(await performTransition(t.db, s.users.secretary, a.id, { transition: 'to_activist' }, { now })).toMatchObject({ ok: true });

		// Seven months from tomorrow: today's transitions still use six.
		const tomorrow = addDays(today, 1);
		const saved = await saveSettings(t.db, s.users.admin, { ruleSetId: 'cpc-2014', overrides: { 'app-to-activist': { months: 7 } }, effectiveFrom: tomorrow, note: '从严掌握' }, { now });
		expect(saved).toMatchObject({ ok: true, message: `设置已保存，自 ${tomorrow} 起生效` });
		expect(await performTransition(t.db, s.users.secretary, b.id, { transition: 'to_activist' }, { now })).toMatchObject({ ok: true });

		const later = new Date('2026-11-21T04:00:00Z');
		const refused = await performTransition(t.db, s.users.secretary, c.id, { transition: 'to_activist' }, { now: later });
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.reasons.join()).toContain('递交申请未满7个月');

		// Decisions already taken keep the version they were taken under.
		const changes = await t.db.selectFrom('developmentEntry').select(['personId', 'details']).where('kind', '=', 'stage_change').where('personId', 'in', [a.id, b.id]).execute();
		expect(changes.map((x) => x.details.settingsVersionId)).toEqual([before.version.id, before.version.id]);
		expect((await t.db.selectFrom('developmentRecord').select('stage').where('personId', '=', a.id).executeTakeFirstOrThrow()).stage).toBe('activist');
		const audit = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'development.settings').executeTakeFirstOrThrow();
		expect(audit.after).toMatchObject({ overrides: { 'app-to-activist': { months: 7 } }, note: '从严掌握' });
	});
});

describe('calendar', () => {
	it('saves valid JSON for a year, refuses invalid data, and a deleted year makes notices warn', async () => {
		expect(await saveCalendarYear(t.db, s.users.admin, 2026, '{not json')).toMatchObject({ ok: false });
		const wrong = { ...cn2026, periods: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-07', makeUpWorkdays: ['2026-10-08'] }] };
		const refused = await saveCalendarYear(t.db, s.users.admin, 2026, JSON.stringify(wrong));
		expect(refused).toMatchObject({ ok: false, errors: ['调休上班日 2026-10-08 不是周六或周日'] });
		expect(await saveCalendarYear(t.db, s.users.secretary, 2026, JSON.stringify(cn2026))).toMatchObject({ ok: false, status: 403 });
		const y2027 = { year: 2027, source: '测试', periods: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03', makeUpWorkdays: [] }] };
		expect(await saveCalendarYear(t.db, s.users.admin, 2027, JSON.stringify(y2027))).toMatchObject({ ok: true });
		expect((await rulesInEffect(t.db, now)).calendarYears).toEqual([2025, 2026, 2027]);
		expect(await deleteCalendarYear(t.db, s.users.admin, 2027)).toMatchObject({ ok: true });
		expect((await rulesInEffect(t.db, now)).calendarYears).toEqual([2025, 2026]);
	});
});

describe('settings that would loosen the League rule', () => {
	const versions = async () => Number((await t.db.selectFrom('developmentSettings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
	const audits = async () => Number((await t.db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

	it('are refused on save with a Chinese message, writing no version and no audit entry', async () => {
		const before = [await versions(), await audits()];
		const lowered = await saveSettings(t.db, s.users.admin, { ruleSetId: 'cpc-2014', overrides: { 'league-rec': { opinionMaxAge: 28 } }, effectiveFrom: today, note: '' }, { now });
		expect(lowered).toEqual({ ok: false, status: 400, errors: ['『团员推优』的须记录团组织意见的年龄上限不能低于全国规定的 35 周岁'] });
		const malformed = await saveSettings(t.db, s.users.admin, { ruleSetId: 'cpc-2014', overrides: { 'league-rec': 5 } as never, effectiveFrom: today, note: '' }, { now });
		expect(malformed).toEqual({ ok: false, status: 400, errors: ['『团员推优』的设置格式有误：应为各项参数及其取值'] });
		expect([await versions(), await audits()]).toEqual(before);
	});

	it('stored before the rule was tightened, give way to the floor instead of stopping every page', async () => {
		// A version saved when 28 was still accepted, in effect from 2030 so that no other test sees it.
		await t.db.insertInto('developmentSettings').values({ ruleSetId: 'cpc-2014', overrides: { 'league-rec': { opinionMaxAge: 28, recommendationMaxAge: 30 } }, effectiveFrom: new Date('2030-01-01T00:00:00+08:00'), note: '', createdBy: null }).execute();
		const rules = await rulesInEffect(t.db, new Date('2030-02-01T04:00:00Z'));
		expect(rules.settings.rules['league-rec'].params).toEqual({ recommendationMaxAge: 30, opinionMaxAge: 35 });
		expect(rules.refusedOverrides).toEqual(['『团员推优』的须记录团组织意见的年龄上限不能低于全国规定的 35 周岁']);
	});
});
