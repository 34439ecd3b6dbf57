import { describe, expect, it } from 'vitest';
import { examFormValues, examInput, overrideInput } from './exam-schema';
import { questionFormValues } from './question-form';

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

describe('the exam and question forms as typed', () => {
	it('reads rule rows as columns, drops blank rows and turns a file in a text field into nothing', () => {
		const form = new FormData();
		for (const [k, v] of Object.entries({ title: '结业考试', opensAt: '2026-03-01T09:00', shuffleQuestions: 'on', requireLessons: 'yes' })) form.append(k, v);
		form.append('passMark', new File(['60'], 'p.txt'));
		for (const [type, count] of [['single', '5'], ['', ' '], ['multiple', '2']]) {
			form.append('ruleType', type);
			form.append('ruleCount', count);
			form.append('rulePoints', '2');
		}
		const v = examFormValues(form);
		expect(v).toMatchObject({ title: '结业考试', passMark: '', closesAt: '', shuffleQuestions: true, shuffleOptions: false, requireLessons: false });
		expect(v.rules).toEqual([
			{ type: 'single', count: '5', points: '2', chapters: '', difficulty: '' },
			{ type: 'multiple', count: '2', points: '2', chapters: '', difficulty: '' }
		]);
		expect(examInput.safeParse(v).error?.issues[0].message).toBe('请填写结束时间');
	});

	it('keeps option rows in order and only the texts among the ticked answers', () => {
		const form = new FormData();
		form.append('type', 'multiple');
		for (const o of ['甲', '', '丙']) form.append('option', o);
		form.append('answerMultiple', '0');
		form.append('answerMultiple', new File(['2'], 'x'));
		expect(questionFormValues(form)).toMatchObject({ type: 'multiple', stem: '', options: ['甲', '', '丙'], answerMultiple: ['0'] });
	});
});

describe('the 补考 form', () => {
	it('refuses a person id PostgreSQL’s integer cannot hold, in Chinese', () => {
		for (const personId of ['1000000000000000', '2147483648']) {
			expect(overrideInput.safeParse({ personId, extraAttempts: '1', extraMinutes: '0' }).error?.issues[0].message).toBe('请选择学员');
		}
		expect(overrideInput.safeParse({ personId: '2147483647', extraAttempts: '1', extraMinutes: '0' }).success).toBe(true);
	});
});
