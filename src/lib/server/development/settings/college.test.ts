import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../engine/dates';
import { rulesInEffect } from './rules-in-effect';
import { saveCollegeSettings } from './college';
import { loadDossiers } from '../records/load';
import { assess } from '../standing';
import { performTransition } from '../transitions/perform';
import { seededTestDatabase, personWithHistory, type SeededTest } from '../../../../test-support/development-db';
import { collegeParamsView, withCollegeRules } from '../engine/college-rules';
import { collegeOverridesFromForm } from './college-form';
import { cpc2014 } from '../engine/rule-sets';
import { defaults } from '../../../../test-support/development-engine';

// 计算机学院党委 asks for 8 months between application and 积极分子 where the school asks for 6:
// its people wait 8, the 医学院 (another college, under the school's rules) still 6; a college may
// never ask for less than the school, and only a 党委 (not a 党总支) sets a college's rules.

const now = new Date('2026-11-20T04:00:00Z');
const today = '2026-11-20';
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

const versions = async () => Number((await t.db.selectFrom('developmentCollegeSettings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
// About seven months since the application: enough for the school's six, not for eight.
const applicant = (orgUnitId: number) => personWithHistory(t.db, s, orgUnitId, { stage: 'applicant', since: addDays(today, -215), today });

describe('college rules', () => {
	it('refuse a loosening in Chinese, and a 党总支 or another college\'s organizer, writing nothing', async () => {
		const loosened = await saveCollegeSettings(t.db, s.users.organizer, s.cs.id, { overrides: { 'app-to-activist': { months: 5 } }, effectiveFrom: today, note: '' }, { now });
		expect(loosened).toEqual({ ok: false, status: 400, errors: ['『递交申请满规定时间』的时长不能低于学校规定的 6 个月：学院只能从严'] });
		const national = await saveCollegeSettings(t.db, s.users.organizer, s.cs.id, { overrides: { vote: { quorumRatio: 0.6 } }, effectiveFrom: today, note: '' }, { now });
		expect(national).toMatchObject({ ok: false, status: 400, errors: ['『支部大会表决有效』的到会比例为全国统一规定，学院不能调整'] });
		const offOn = await saveCollegeSettings(t.db, s.users.organizer, s.cs.id, { overrides: { 'thought-reports': { enabled: false } }, effectiveFrom: today, note: '' }, { now });
		expect(offOn).toMatchObject({ ok: false, errors: ['『按期提交思想汇报』学校已启用，学院不能关闭'] });
		expect(await saveCollegeSettings(t.db, s.users.medOrganizer, s.med.id, { overrides: { 'app-to-activist': { months: 8 } }, effectiveFrom: today, note: '' }, { now })).toMatchObject({ ok: false, status: 403 });
		expect(await saveCollegeSettings(t.db, s.users.medOrganizer, s.cs.id, { overrides: { 'app-to-activist': { months: 8 } }, effectiveFrom: today, note: '' }, { now })).toMatchObject({ ok: false, status: 403 });
		expect(await saveCollegeSettings(t.db, s.users.admin, s.school.id, { overrides: {}, effectiveFrom: today, note: '' }, { now })).toMatchObject({ ok: false, status: 400 });
		expect(await versions()).toBe(0);
	});

	it('tighten for the college\'s people only, and the reason names the college', async () => {
		const [inCs, inMed] = [await applicant(s.csBranch.id), await applicant(s.medBranch.id)];
		const saved = await saveCollegeSettings(t.db, s.users.organizer, s.cs.id, { overrides: { 'app-to-activist': { months: 8 } }, effectiveFrom: today, note: '学院从严' }, { now });
		expect(saved).toMatchObject({ ok: true });

		const rules = await rulesInEffect(t.db, now);
		expect(rules.settings.rules['app-to-activist'].params.months).toBe(6);
		const loaded = await loadDossiers(t.db, [inCs.id, inMed.id], now);
		const cs = assess(loaded.get(inCs.id)!, rules);
		expect(cs.blockers.find((b) => b.checkId === 'app-to-activist')?.reason).toMatch(/8个月.*（学院规定）$/);
		expect(assess(loaded.get(inMed.id)!, rules).blockers.map((b) => b.checkId)).not.toContain('app-to-activist');

		const refused = await performTransition(t.db, s.users.secretary, inCs.id, { transition: 'to_activist' }, { now });
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.reasons.join()).toContain('（学院规定）');
		expect(await performTransition(t.db, s.users.secretary2, inMed.id, { transition: 'to_activist' }, { now })).toMatchObject({ ok: true });
		// A stage change records the college version its people were judged under (none for 医学院).
		const activist = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'activist', since: addDays(today, -400), today });
		expect(await performTransition(t.db, s.users.secretary, activist.id, { transition: 'to_candidate' }, { now })).toMatchObject({ ok: true });
		const changes = await t.db.selectFrom('developmentEntry').select(['personId', 'details']).where('kind', '=', 'stage_change').where('personId', 'in', [activist.id, inMed.id]).execute();
		const byPerson = new Map(changes.map((c) => [c.personId, c.details as { collegeSettingsVersionId: number | null }]));
		expect(byPerson.get(inMed.id)?.collegeSettingsVersionId).toBeNull();
		expect(byPerson.get(activist.id)?.collegeSettingsVersionId).toBe(rules.collegeOf(s.csBranch.id)?.id);
		expect(rules.collegeOf(s.csBranch.id)?.id).toEqual(expect.any(Number));

		const audit = await t.db.selectFrom('auditLog').select(['entityType', 'entityId', 'after']).where('action', '=', 'development.college_settings').executeTakeFirstOrThrow();
		expect(audit).toMatchObject({ entityType: 'org_unit', entityId: String(s.cs.id), after: { overrides: { 'app-to-activist': { months: 8 } } } });
	});

	it('give way to a school that has since become stricter than the college', async () => {
		await t.db.insertInto('developmentSettings').values({ ruleSetId: 'cpc-2014', overrides: { 'app-to-activist': { months: 10 } }, effectiveFrom: new Date('2030-01-01T00:00:00+08:00'), note: '', createdBy: null }).execute();
		const later = await rulesInEffect(t.db, new Date('2030-02-01T04:00:00Z'));
		const cs = later.settingsForUnit(s.csBranch.id).rules['app-to-activist'];
		expect(cs.params.months).toBe(10);
		expect(cs.setBy).toBeUndefined();
	});
});

describe('withCollegeRules', () => {
	it('adds a check a college switches on to its transition, and reads the form as the page posts it', () => {
		const params = collegeParamsView(cpc2014, defaults, {});
		expect(params.find((p) => p.checkId === 'vote')).toBeUndefined();
		const form = new FormData();
		form.set('c.probationary-training.enabled', 'true');
		form.set('c.app-to-activist.months', '');
		const overrides = collegeOverridesFromForm(params, form);
		expect(overrides).toEqual({ 'probationary-training': { enabled: true } });
		const college = withCollegeRules(cpc2014, defaults, overrides);
		expect(defaults.byTransition.to_member).not.toContain('probationary-training');
		// In the rule set's order, like the school's own lists.
		const wanted = [...defaults.byTransition.to_member, 'probationary-training'];
		expect(college.byTransition.to_member).toEqual(Object.keys(cpc2014.rules).filter((id) => wanted.includes(id)));
		expect(college.rules['probationary-training'].setBy).toBe('college');
		// Stored junk or a looser value never loosens the school's.
		expect(withCollegeRules(cpc2014, defaults, { 'app-to-activist': { months: 2 }, vote: { quorumRatio: 0.1 }, x: 1 })).toBe(defaults);
	});
});
