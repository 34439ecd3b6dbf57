import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../engine/dates';
import { rulesInEffect } from './rules-in-effect';
import { saveSettings } from './save';
import { seededTestDatabase, personWithHistory, type SeededTest } from '../../../../test-support/development-db';

// Switching the school to cpc-2026 makes the 发展对象公示 national: an activist whose branch
// skipped it (the school had switched it off under cpc-2014) can no longer become a candidate.
// The admin sees who, and why, before confirming and again after; nothing is saved unconfirmed.

const now = new Date('2026-11-20T04:00:00Z');
const today = '2026-11-20';
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

const versions = async () => Number((await t.db.selectFrom('developmentSettings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('switching the rule set', () => {
	it('lists the people in progress whose next step it changes, and which check, before and after confirming', async () => {
		const off = await saveSettings(t.db, s.users.admin, { ruleSetId: 'cpc-2014', overrides: { 'candidate-notice': { enabled: false } }, effectiveFrom: today, note: '' }, { now });
		expect(off).toMatchObject({ ok: true });
		const activist = { stage: 'activist' as const, since: addDays(today, -400), today, undecided: true };
		const noNotice = await personWithHistory(t.db, s, s.csBranch.id, activist);
		const withNotice = await personWithHistory(t.db, s, s.csBranch.id, activist);
		const applicant = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'applicant', since: addDays(today, -200), today });
		await t.db.deleteFrom('developmentEntry').where('personId', '=', noNotice.id).where('kind', '=', 'public_notice').execute();
		const current = await rulesInEffect(t.db, now);
		expect(current.settings.byTransition.to_candidate).not.toContain('candidate-notice');

		const input = { ruleSetId: 'cpc-2026', overrides: {}, effectiveFrom: today, note: '按2026年修订执行' };
		const count = await versions();
		const unconfirmed = await saveSettings(t.db, s.users.admin, input, { now });
		expect(unconfirmed).toMatchObject({ ok: false, status: 400 });
		if (unconfirmed.ok || !unconfirmed.impact) throw new Error('expected the impact list');
		expect(unconfirmed.errors[0]).toContain('将改变 1 名发展中人员下一步的办理结果');
		expect(await versions()).toBe(count);
		const ids = unconfirmed.impact.map((r) => r.personId);
		expect(ids).toEqual([noNotice.id]);
		expect(ids).not.toContain(withNotice.id);
		expect(ids).not.toContain(applicant.id);
		expect(unconfirmed.impact[0]).toMatchObject({
			next: 'to_candidate',
			before: 'ready',
			after: 'todo',
			changes: [
				{
					checkId: 'candidate-notice',
					title: '发展对象公示',
					before: { status: 'absent' },
					after: { status: 'fail', reason: '尚未进行发展对象公示（须不少于5个工作日）' }
				}
			]
		});

		const confirmed = await saveSettings(t.db, s.users.admin, { ...input, confirmSwitch: true }, { now });
		expect(confirmed).toMatchObject({ ok: true });
		if (!confirmed.ok || !confirmed.impact) throw new Error('expected the impact list after saving');
		expect(confirmed.impact.map((r) => r.personId)).toEqual([noNotice.id]);
		expect((await rulesInEffect(t.db, now)).settings.ruleSetId).toBe('cpc-2026');

		// Same rule set again: no switch, no list, no confirmation asked.
		const again = await saveSettings(t.db, s.users.admin, { ...input, overrides: { 'candidate-notice': { workingDays: 7 } } }, { now });
		expect(again).toMatchObject({ ok: true });
		expect(again.impact).toBeUndefined();
	});
});
