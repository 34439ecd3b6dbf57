import { describe, expect, it } from 'vitest';
import { cpc2014, resolveSettings } from '../engine/rule-sets';
import { overridesFromForm, rulesView } from './view';

// What the admin's settings page shows of a rule: who sets each parameter, and which way it may move.

describe('the offline minimum of 第十七条 training', () => {
	it('reads as the school\'s parameter, not a national rule, and still only goes up', () => {
		const view = rulesView(cpc2014, {}).find((r) => r.id === 'candidate-training')!;
		const offline = view.params.filter((p) => p.key.startsWith('minOffline'));
		expect(offline.map((p) => p.level)).toEqual(['school', 'school']);
		for (const p of offline) expect(p.hint).not.toContain('全国');
		expect(view.params.find((p) => p.key === 'minDays')!.level).toBe('national');
		expect(resolveSettings(cpc2014, { 'candidate-training': { minOfflineCreditHours: 6 } })).toEqual({
			ok: false,
			errors: ['『发展对象集中培训』的线下学时为学校规定，只能从严：不能低于 12 学时']
		});
	});
});

describe('the settings form', () => {
	it('reads each parameter by its kind: blank numbers keep the default, a number is a number, a file is not a value', () => {
		const view = rulesView(cpc2014, {}).find((r) => r.id === 'candidate-training')!;
		const offline = view.params.find((p) => p.key.startsWith('minOffline') && p.mode !== 'fixed')!;
		const form = new FormData();
		form.set(`p.candidate-training.${offline.key}`, ' 16 ');
		const read = overridesFromForm(cpc2014, form);
		expect(read['candidate-training']?.[offline.key]).toBe(16);
		form.set(`p.candidate-training.${offline.key}`, new File(['16'], 'x.txt'));
		expect(overridesFromForm(cpc2014, form)['candidate-training']?.[offline.key]).toBe(offline.default);
		const blank = overridesFromForm(cpc2014, new FormData());
		for (const rule of rulesView(cpc2014, {}))
			for (const p of rule.params.filter((p) => p.mode !== 'fixed')) expect(blank[rule.id]?.[p.key]).toEqual(p.mode === 'toggle' ? false : p.default);
	});
});
