import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkbox, fieldErrors, formFields, many, parseForm } from './form';
import { calendarDate, id, optionalText, text } from './fields';

const formOf = (entries: [string, string | File][]) => {
	const form = new FormData();
	for (const [k, v] of entries) form.append(k, v);
	return form;
};

const leave = z.object({ reason: text('请假事由', { min: 2, max: 20 }), on: calendarDate('日期'), note: optionalText('备注', 10), sessionId: id('课程编号') });

describe('parseForm', () => {
	it('gives the schema’s values when the form fits', async () => {
		const r = await parseForm(formOf([['reason', ' 发烧就医 '], ['on', '2026-03-01'], ['sessionId', '12']]), leave);
		expect(r.ok && r.data).toEqual({ reason: '发烧就医', on: '2026-03-01', note: '', sessionId: 12 });
	});

	it('refuses with fail(400): the first Chinese message, its field, and every wrong field once', async () => {
		const r = await parseForm(formOf([['reason', '病'], ['on', '3月1日'], ['sessionId', 'abc']]), leave, { values: { reason: '病' } });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.failure.status).toBe(400);
		expect(r.failure.data).toEqual({
			message: '请假事由至少 2 个字',
			field: 'reason',
			errors: { reason: '请假事由至少 2 个字', on: '日期不是有效的日期（格式为 年-月-日，如 2026-03-01）', sessionId: '课程编号无效' },
			values: { reason: '病' }
		});
	});

	it('a missing field is a Chinese message, not zod’s English one', async () => {
		const r = await parseForm(formOf([]), leave);
		expect(!r.ok && r.errors).toEqual({ reason: '请填写请假事由', on: '请填写日期', sessionId: '缺少课程编号' });
	});

	it('a file where text is expected is refused, not turned into "[object File]"', async () => {
		const r = await parseForm(formOf([['reason', new File(['x'], 'a.txt')], ['on', '2026-03-01'], ['sessionId', '1']]), leave);
		expect(!r.ok && r.field).toBe('reason');
		expect(!r.ok && r.message).toBe('请填写请假事由');
	});

	it('reads a Request’s form', async () => {
		const request = new Request('http://x/', { method: 'POST', body: new URLSearchParams({ reason: '外出开会', on: '2026-03-02', sessionId: '3' }) });
		const r = await parseForm(request, leave);
		expect(r.ok && r.data.sessionId).toBe(3);
	});

	it('many(): one, several or no values of a name are an array; checkbox(): sent or not', async () => {
		const schema = z.object({ ids: many(id('人员编号')), notify: checkbox() });
		const one = await parseForm(formOf([['ids', '4']]), schema);
		expect(one.ok && one.data).toEqual({ ids: [4], notify: false });
		expect(schema.parse(formFields(formOf([['ids', '4'], ['ids', '5'], ['notify', 'on']])))).toEqual({ ids: [4, 5], notify: true });
		expect(schema.parse(formFields(formOf([])))).toEqual({ ids: [], notify: false });
		const bad = await parseForm(formOf([['ids', '4'], ['ids', '-1']]), schema);
		expect(!bad.ok && bad.errors).toEqual({ ids: '人员编号无效' });
	});

	it('fieldErrors puts issues about the whole form under the root key', () => {
		const schema = z.object({ a: z.string() }).refine(() => false, '两项不能同时为空');
		const r = schema.safeParse({ a: 'x' });
		expect(!r.success && fieldErrors(r.error)).toEqual({ form: '两项不能同时为空' });
		expect(!r.success && fieldErrors(r.error, '_')).toEqual({ _: '两项不能同时为空' });
	});
});
