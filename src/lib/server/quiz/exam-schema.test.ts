import { describe, expect, it } from 'vitest';
import { examInput, overrideInput } from './exam-schema';

const exam = {
	title: '结业考试', opensAt: '2026-03-01T09:00', closesAt: '2026-03-01T11:00', timeLimitMinutes: '60', attemptsAllowed: '1', passMark: '60',
	gradingMethod: 'highest', multipleScoring: 'all_or_nothing', shuffleQuestions: false, shuffleOptions: false,
	scoreVisibility: 'after_submit', reviewVisibility: 'never', rules: [{ type: 'single', count: '5', points: '2' }]
};

describe('exam times', () => {
	it('reads the opening and closing times as Shanghai time', () => {
		const r = examInput.safeParse(exam);
		expect(r.error?.issues).toBeUndefined();
		expect(r.data?.opensAt.toISOString()).toBe('2026-03-01T01:00:00.000Z');
	});

	it('refuses a day that does not exist instead of rolling it over into March', () => {
		const r = examInput.safeParse({ ...exam, opensAt: '2026-02-30T09:00' });
		expect(r.success).toBe(false);
		expect(r.error!.issues.map((i) => i.path[0])).toContain('opensAt');
		const o = overrideInput.safeParse({ personId: '1', extraAttempts: '0', extraMinutes: '0', opensAt: '', closesAt: '2026-02-31T18:00' });
		expect(o.success).toBe(false);
	});
});
