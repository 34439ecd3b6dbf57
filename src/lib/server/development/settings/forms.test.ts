import { describe, expect, it } from 'vitest';
import { parseForm } from '$lib/validation/form';
import { calendarForm, settingsForm } from './forms';

const formOf = (fields: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.append(k, v);
	return f;
};

describe('settings forms', () => {
	it('refuses a control character in the note with a Chinese message, before save.ts sees it', async () => {
		const r = await parseForm(formOf({ ruleSetId: 'cpc-2026', effectiveFrom: '2026-12-03', note: '党\u0000校' }), settingsForm);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.message).toMatch(/^修改说明含有无法识别的字符/);
	});

	it('leaves judging the date and the rule set to save.ts: missing fields are empty, the box unticked', async () => {
		const r = await parseForm(formOf({}), settingsForm);
		expect(r.ok && r.data).toEqual({ ruleSetId: '', effectiveFrom: '', note: '', confirmSwitch: false });
	});

	it('keeps the calendar JSON exactly as typed', async () => {
		const r = await parseForm(formOf({ year: '2027', json: '  {"year":2027}\n' }), calendarForm);
		expect(r.ok && r.data).toEqual({ year: '2027', json: '  {"year":2027}\n' });
	});
});
