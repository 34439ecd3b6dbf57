import { describe, expect, it } from 'vitest';
import { ruleInput } from './rule-form';

describe('the completion rule form', () => {
	it('refuses an exam id PostgreSQL could not hold, in Chinese, instead of passing it on', () => {
		for (const finalExamId of ['99999999999999999999', '2147483648', '1e309', '-1', '党\u0000校']) {
			const r = ruleInput.safeParse({ finalExamId });
			expect(r.success, finalExamId).toBe(false);
			expect(r.error?.issues[0].message).toBe('请选择结业考试');
		}
		expect(ruleInput.parse({ finalExamId: '12' }).finalExamId).toBe(12);
		expect(ruleInput.parse({ finalExamId: '' }).finalExamId).toBeNull();
	});
});
