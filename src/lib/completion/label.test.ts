import { describe, expect, it } from 'vitest';
import { completionLabel } from './label';

describe('completionLabel: one wording for the completion page, the records and the branch board', () => {
	it('says 已结业 only once a certificate exists', () => {
		expect(completionLabel('met', true)).toBe('已结业');
		// Met with 0 学时 in a cohort needing 0 hours, nothing issued yet: not 已结业.
		expect(completionLabel('met', false)).toBe('达到结业要求（待发证）');
	});
	it('keeps the other states whatever the certificate', () => {
		expect(completionLabel('pending', false)).toBe('学习中');
		expect(completionLabel('not_met', false)).toBe('未结业');
	});
});
