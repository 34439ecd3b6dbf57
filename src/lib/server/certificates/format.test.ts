import { describe, expect, it } from 'vitest';
import { chineseDate, maskName } from './format';
import { cohortNumber, patternProblem, serialFormat } from './serial';
import { addDays, validUntil } from './dates';
import { shanghaiDate } from '$lib/time/shanghai';

describe('names and dates on certificates', () => {
	it('masks names: 张*伟, 张*, 欧**锋', () => {
		expect(maskName('张晓伟')).toBe('张*伟');
		expect(maskName('张伟')).toBe('张*');
		expect(maskName('欧阳小锋')).toBe('欧**锋');
		expect(maskName('王')).toBe('王');
		expect(maskName(' 李雨萱 ')).toBe('李*萱');
	});

	it('writes dates the Chinese way and computes validity to the day before', () => {
		expect(chineseDate('2026-05-08')).toBe('2026年5月8日');
		expect(validUntil('2026-05-08', 24)).toBe('2028-05-07');
		expect(validUntil('2026-01-31', 1)).toBe('2026-02-27');
		expect(validUntil('2024-02-29', 12)).toBe('2025-02-27');
		expect(validUntil('2026-03-01', 12)).toBe('2027-02-28');
		expect(validUntil('2026-05-08', 0)).toBeNull();
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
	});

	it('takes the issue date in Beijing time', () => {
		expect(shanghaiDate(new Date('2026-05-07T16:30:00Z'))).toBe('2026-05-08');
		expect(shanghaiDate(new Date('2026-05-07T15:59:59Z'))).toBe('2026-05-07');
	});
});

describe('serial patterns', () => {
	const vars = { prefix: 'DX', year: 2026, cohortNo: '45', cohortId: 7, courseCode: 'ACT' };

	it('fills the pattern and counts per scope', () => {
		const f = serialFormat('{prefix}-{year}-{cohortNo}-{seq:4}', vars);
		expect(f.serial(12)).toBe('DX-2026-45-0012');
		expect(f.scope).toBe('DX-2026-45-#');
		expect(serialFormat('{courseCode}{year}{seq}', vars).serial(3)).toBe('ACT20263');
	});

	it('refuses patterns that cannot give unique serials', () => {
		expect(patternProblem('{prefix}-{year}-{seq:4}')).toBeNull();
		expect(patternProblem('{prefix}-{year}')).toMatch(/必须且只能包含一个 \{seq\}/);
		expect(patternProblem('{seq}-{seq}')).toMatch(/只能包含一个/);
		expect(patternProblem('{prefix}-{name}-{seq}')).toMatch(/无法识别的占位符/);
		expect(patternProblem('DX {seq}')).toMatch(/空格/);
	});

	it('reads the cohort number from its name', () => {
		expect(cohortNumber('第45期入党积极分子培训班', 9)).toBe('45');
		expect(cohortNumber('第 3 期', 9)).toBe('3');
		expect(cohortNumber('春季培训班', 9)).toBe('9');
	});
});
