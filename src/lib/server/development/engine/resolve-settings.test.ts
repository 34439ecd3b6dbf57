import { describe, expect, it } from 'vitest';
import { cpc2014, cpc2026, getRuleSet, resolveSettings, ruleSets, type SchoolOverrides } from './rule-sets';
import type { CheckId } from './rule-types';
import { dossier, run } from '../../../../test-support/development-engine';

// The ids of development-rules.md §2, in table order.
const tableIds: CheckId[] = [
	'age', 'talk-1m', 'app-to-activist', 'league-rec', 'league-rec-age', 'decision-filed', 'mentors', 'evaluations', 'thought-reports',
	'one-year', 'activist-training', 'opinions', 'candidate-notice', 'sponsors', 'political-review', 'political-review-age',
	'candidate-training', 'pre-review', 'admission-form', 'leaving-3m', 'admission-notice', 'meeting-after-review', 'vote', 'committee-talk', 'approver',
	'approval-3m', 'probation-1y', 'extension-once', 'probationary-training',
	// The steps from 支委会审查 to 归档 (§1 steps 12, 18–20, 22, 25) and probation's 考察.
	'branch-review', 'admission-filed', 'placement', 'oath', 'probation-evaluations', 'probation-thought-reports', 'confirmation-notice',
	'confirmation-application', 'archive'
];

describe('rule sets', () => {
	it('list every check of the table, in order, under its own id', () => {
		for (const set of [cpc2014, cpc2026]) {
			expect(Object.keys(set.rules)).toEqual(tableIds);
			for (const [key, rule] of Object.entries(set.rules)) expect(rule.id).toBe(key);
		}
	});

	it('let only school rules and training (plus leaving-3m) be exempted', () => {
		const exemptable = Object.values(cpc2014.rules).filter((r) => r.exemptable).map((r) => r.id);
		expect(exemptable.filter((id) => cpc2014.rules[id].level === 'national').sort()).toEqual(['candidate-training', 'leaving-3m']);
		for (const r of Object.values(cpc2014.rules)) if (r.level === 'school') expect(r.exemptable, r.id).toBe(true);
	});

	it('make cpc-2026 differ from cpc-2014 in sources, and in rules only in the notice, the meeting after pre-review, the confirmation approval limit, the oath and the application', () => {
		const sansSource = ({ source: _source, earlySource: _early, ...rest }: { source: string; earlySource?: string }) => rest;
		const changed = tableIds.filter((id) => JSON.stringify(sansSource(cpc2014.rules[id])) !== JSON.stringify(sansSource(cpc2026.rules[id])));
		// The oath within a month (第二十九条) and the application not before probation ends (第三十二条).
		// Confirmation approval within 3 months and no special case (第三十三条).
		expect(changed).toEqual(['candidate-notice', 'meeting-after-review', 'approval-3m', 'oath', 'confirmation-application']);
		expect(cpc2026.rules['candidate-notice']).toMatchObject({ level: 'national', exemptable: false });
		expect(cpc2026.status).toBe('in_force');
		// A version stored while it was a draft still resolves.
		expect(getRuleSet('cpc-2026-draft')).toBe(cpc2026);
		expect(getRuleSet('toString')).toBeUndefined();
	});
});

describe('resolveSettings', () => {
	it('returns the defaults without overrides, with per-transition lists', () => {
		const r = resolveSettings(cpc2014);
		if (!r.ok) throw new Error(r.errors.join());
		expect(r.settings.rules['one-year'].params).toEqual({ months: 12, anchor: 'decision' });
		expect(r.settings.byTransition.to_candidate).toEqual([
			'decision-filed', 'mentors', 'evaluations', 'thought-reports', 'one-year', 'activist-training', 'opinions', 'candidate-notice'
		]);
		expect(r.settings.byTransition.apply).toEqual(['age']);
		expect(r.settings.byTransition.to_member).not.toContain('probationary-training');
		expect(r.settings.byTransition.cancel_probation).toEqual(['approval-3m', 'probation-1y']);
	});

	it('refuses to loosen a national floor, in Chinese', () => {
		const r = resolveSettings(cpc2014, { 'one-year': { months: 11 } });
		expect(r).toEqual({ ok: false, errors: ['『培养考察满一年』的月数不能低于全国规定的 12 个月'] });
	});

	it('accepts tightening a national floor, up to its limit', () => {
		const r = resolveSettings(cpc2014, { 'one-year': { months: 18, anchor: 'filing' }, 'candidate-training': { minCreditHours: 32, onlineCreditHoursCap: 8 } });
		expect(r.ok && r.settings.rules['one-year'].params).toEqual({ months: 18, anchor: 'filing' });
		expect(r.ok && r.settings.rules['candidate-training'].params).toEqual({ minDays: 3, minCreditHours: 32, onlineCreditHoursCap: 8, minOfflineDays: 2, minOfflineCreditHours: 12 });
		expect(resolveSettings(cpc2014, { 'one-year': { months: 120 } })).toEqual({ ok: false, errors: ['『培养考察满一年』的月数不能超过 36 个月'] });
	});

	it('refuses raising a national ceiling and changing a fixed rule', () => {
		const r = resolveSettings(cpc2014, { 'candidate-training': { onlineCreditHoursCap: 30 }, 'talk-1m': { months: 2 }, 'probation-1y': { months: 12 } });
		expect(r).toEqual({
			ok: false,
			errors: ['『发展对象集中培训』的线上学时计入上限不能高于全国规定的 24 学时', '『一个月内谈话』的期限为全国规定（1 个月），学校不能修改']
		});
	});

	it('keeps school settings within their range and types', () => {
		const r = resolveSettings(cpc2014, {
			'app-to-activist': { months: 13 },
			'thought-reports': { enabled: 'yes', intervalMonths: 2.5 },
			'one-year': { anchor: 'application' },
			'admission-notice': { workingDays: '5' }
		});
		expect(r.ok ? [] : r.errors).toEqual([
			'『递交申请满规定时间』的时长应在 0–12 个月之间',
			'『按期提交思想汇报』的启用应为"是"或"否"',
			'『按期提交思想汇报』的汇报间隔应为整数',
			'『培养考察满一年』的起算日只能选择：decision、filing',
			'『接收预备党员公示』的公示期应为数字'
		]);
	});

	it('names unknown checks and parameters', () => {
		const r = resolveSettings(cpc2014, { 'two-years': { months: 24 }, vote: { quorum: 0.6 } });
		expect(r.ok ? [] : r.errors).toEqual(['未知的检查项「two-years」', '『支部大会表决有效』没有「quorum」这一设置']);
	});

	it('switches optional checks on and off', () => {
		const r = resolveSettings(cpc2014, { 'probationary-training': { enabled: true }, 'thought-reports': { enabled: false } });
		if (!r.ok) throw new Error(r.errors.join());
		expect(r.settings.byTransition.to_member).toContain('probationary-training');
		expect(r.settings.byTransition.to_candidate).not.toContain('thought-reports');
	});

	it('in cpc-2026, makes the candidate notice a national floor', () => {
		expect(resolveSettings(cpc2014, { 'candidate-notice': { enabled: false, workingDays: 3 } }).ok).toBe(true);
		expect(resolveSettings(cpc2026, { 'candidate-notice': { enabled: false, workingDays: 3 } })).toEqual({
			ok: false,
			errors: ['『发展对象公示』为全国规定，学校不能关闭', '『发展对象公示』的公示期不能低于全国规定的 5 个工作日']
		});
		expect(resolveSettings(cpc2026, { 'meeting-after-review': { months: 2 } })).toEqual({
			ok: false,
			errors: ['『预审后一个月内召开支部大会』的期限为全国规定（1 个月），学校不能修改']
		});
	});
});

describe('resolveSettings: overrides that would loosen or slip past a rule', () => {
	it('refuses lowering the age up to which a League member needs the League (推优 or its opinion)', () => {
		expect(resolveSettings(cpc2014, { 'league-rec': { opinionMaxAge: 28 } })).toEqual({
			ok: false,
			errors: ['『团员推优』的须记录团组织意见的年龄上限不能低于全国规定的 35 周岁']
		});
		expect(resolveSettings(cpc2014, { 'league-rec': { recommendationMaxAge: 27 } })).toMatchObject({ ok: false });
		expect(resolveSettings(cpc2014, { 'league-rec': { recommendationMaxAge: 30, opinionMaxAge: 38 } }).ok).toBe(true);
	});

	it('refuses a check whose overrides are not a set of named values, instead of ignoring it', () => {
		for (const malformed of [5, 'strict', true, null, [], [28]]) {
			expect(resolveSettings(cpc2014, { 'league-rec': malformed } as unknown as SchoolOverrides), JSON.stringify(malformed)).toEqual({
				ok: false,
				errors: ['『团员推优』的设置格式有误：应为各项参数及其取值']
			});
		}
		for (const malformed of [5, 'x', null, [], [{ 'league-rec': { opinionMaxAge: 28 } }]]) {
			expect(resolveSettings(cpc2014, malformed as unknown as SchoolOverrides), JSON.stringify(malformed)).toEqual({
				ok: false,
				errors: ['规则设置格式有误：应为按检查项列出的参数及其取值']
			});
		}
	});

	it('refuses a value of the wrong type for every kind of parameter', () => {
		const r = resolveSettings(cpc2014, {
			'league-rec': { recommendationMaxAge: '30' },
			'app-to-activist': { months: null },
			'one-year': { anchor: 1 },
			'thought-reports': { enabled: 1 },
			mentors: { min: '1' }
		});
		expect(r.ok ? [] : r.errors).toEqual([
			'『团员推优』的须推优的年龄上限应为数字',
			'『递交申请满规定时间』的时长应为数字',
			'『培养考察满一年』的起算日只能选择：decision、filing',
			'『按期提交思想汇报』的启用应为"是"或"否"',
			'『培养联系人』的最少人数为全国规定（1 名），学校不能修改'
		]);
	});

	// The cause of the league-rec hole: a national rule carried a parameter a school could set in
	// both directions. Every rule set must give a national rule's parameters only one-way latitude.
	it('gives no national rule of any rule set a parameter a school may move both ways', () => {
		for (const set of Object.values(ruleSets)) {
			for (const rule of Object.values(set.rules)) {
				if (rule.level !== 'national') continue;
				for (const [key, spec] of Object.entries(rule.params as Record<string, { school: { mode: string } }>)) {
					expect(['fixed', 'tighten', 'choose'], `${set.id} ${rule.id}.${key}`).toContain(spec.school.mode);
				}
			}
		}
	});

	it('lets no accepted league-rec setting admit a 30-year-old League member without the League', () => {
		const d = dossier({ birthDate: '1995-09-01', nominations: [{ kind: 'member', madeOn: '2025-09-01' }] });
		for (let opinionMaxAge = 25; opinionMaxAge <= 45; opinionMaxAge++) {
			const resolved = resolveSettings(cpc2014, { 'league-rec': { opinionMaxAge } });
			if (!resolved.ok) continue;
			expect(run('league-rec', d, 'to_activist', '2025-09-15', resolved.settings).status, `opinionMaxAge ${opinionMaxAge}`).toBe('fail');
		}
	});
});
