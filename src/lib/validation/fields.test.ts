import { describe, expect, it } from 'vitest';
import { calendarDate, id, optionalText, parseId, text } from './fields';

const message = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? null : r.error!.issues[0].message);

describe('shared field schemas', () => {
	it('text: trims, refuses NUL, control characters, lone surrogates and decoding errors, caps the length — in Chinese', () => {
		const reason = text('请假事由', { max: 10, min: 2 });
		expect(reason.parse('  发烧就医 ')).toBe('发烧就医');
		expect(reason.parse('第一行\n第二行')).toBe('第一行\n第二行');
		for (const bad of ['党\u0000校', 'a\u0007b', 'x\ud800y', 'x\udc00', 'a\ufffdb']) {
			expect(message(reason.safeParse(bad)), JSON.stringify(bad)).toMatch(/^请假事由含有无法识别的字符/);
		}
		expect(reason.parse('😀😀')).toBe('😀😀');
		expect(message(reason.safeParse('长'.repeat(11)))).toBe('请假事由不能超过 10 个字');
		expect(message(reason.safeParse(' 病 '))).toBe('请假事由至少 2 个字');
		expect(message(reason.safeParse(undefined))).toBe('请填写请假事由');
		expect(optionalText('备注', 5).parse(undefined)).toBe('');
	});

	it('calendarDate: only days that exist', () => {
		const on = calendarDate('日期');
		expect(on.parse('2028-02-29')).toBe('2028-02-29');
		for (const bad of ['2026-2-1', '20260201', '', '0000-01-01', '9999-12-31']) {
			expect(message(on.safeParse(bad)), bad).toMatch(/^日期不是有效的日期/);
		}
		// Well-formed but not on the calendar: the format is right, so saying so would mislead.
		for (const bad of ['2026-02-30', '2026-13-01', '2005-13-40']) {
			expect(message(on.safeParse(bad)), bad).toBe(`日期：日期不存在：${bad}`);
		}
	});

	it('id: a positive integer PostgreSQL can hold, else one Chinese message', () => {
		const personId = id('人员编号');
		expect(personId.parse(' 42 ')).toBe(42);
		for (const bad of ['-1', '0', '1e309', '2147483648', '99999999999999999999', '1.5', '', 'abc']) {
			expect(message(personId.safeParse(bad)), bad).toBe('人员编号无效');
		}
		expect(parseId('7')).toBe(7);
		expect(parseId('2147483648')).toBeNull();
		expect(parseId(null)).toBeNull();
	});
});
