import { describe, expect, it } from 'vitest';
import { SLUG_MAX, SLUG_PATTERN, slugFromTitle } from './slug';

describe('a lesson short name derived from its Chinese title', () => {
	it('is the toneless pinyin, one hyphen between syllables', () => {
		expect(slugFromTitle('发展党员的程序')).toBe('fa-zhan-dang-yuan-de-cheng-xu');
		expect(slugFromTitle('绿色发展')).toBe('lv-se-fa-zhan');
	});

	it('keeps letters and digits and turns punctuation and spaces into single hyphens', () => {
		expect(slugFromTitle('第 2 课：党章（2022 年版）')).toBe('di-2-ke-dang-zhang-2022-nian-ban');
		expect(slugFromTitle('  Party History 101 ')).toBe('party-history-101');
		expect(slugFromTitle('ＡＢＣ党史')).toBe('abc-dang-shi');
	});

	it('always fits the server rule, even for a long or a punctuation-only title', () => {
		const long = slugFromTitle('中国共产党章程的历史沿革与新时代党的建设总要求以及全面从严治党的实践路径研究');
		expect(long.length).toBeLessThanOrEqual(SLUG_MAX);
		expect(long).toMatch(SLUG_PATTERN);
		expect(long.endsWith('-')).toBe(false);
		expect(slugFromTitle('！？……')).toBe('lesson');
	});

	it("steps around the course's other lessons' short names", () => {
		expect(slugFromTitle('党史', ['dang-shi'])).toBe('dang-shi-2');
		expect(slugFromTitle('党史', ['dang-shi', 'dang-shi-2'])).toBe('dang-shi-3');
	});
});
