import { describe, expect, it } from 'vitest';
import { gradeItem, toScore } from './grade';

describe('gradeItem', () => {
	it('grades single choice and true/false by exact key', () => {
		expect(gradeItem({ type: 'single', answer: 2 }, 2, 2, 'all_or_nothing')).toEqual({ correct: true, points: 2 });
		expect(gradeItem({ type: 'single', answer: 2 }, 1, 2, 'all_or_nothing')).toEqual({ correct: false, points: 0 });
		expect(gradeItem({ type: 'true_false', answer: false }, false, 1, 'partial')).toEqual({ correct: true, points: 1 });
		expect(gradeItem({ type: 'true_false', answer: false }, true, 1, 'partial')).toEqual({ correct: false, points: 0 });
	});

	it('gives nothing for no answer or an answer of the wrong shape', () => {
		expect(gradeItem({ type: 'single', answer: 0 }, undefined, 2, 'partial').points).toBe(0);
		expect(gradeItem({ type: 'single', answer: 0 }, '0', 2, 'partial').points).toBe(0);
		expect(gradeItem({ type: 'multiple', answer: [0, 1] }, 0, 2, 'partial').points).toBe(0);
		expect(gradeItem({ type: 'fill_blank', answer: ['x'] }, ['x'] as never, 2, 'partial').points).toBe(0);
	});

	it('grades multiple choice all-or-nothing, in any order', () => {
		const q = { type: 'multiple' as const, answer: [0, 2, 3] };
		expect(gradeItem(q, [3, 0, 2], 3, 'all_or_nothing')).toEqual({ correct: true, points: 3 });
		expect(gradeItem(q, [0, 2], 3, 'all_or_nothing')).toEqual({ correct: false, points: 0 });
		expect(gradeItem(q, [], 3, 'all_or_nothing')).toEqual({ correct: false, points: 0 });
	});

	it('gives partial credit for a subset with no wrong option, nothing for a wrong one', () => {
		const q = { type: 'multiple' as const, answer: [0, 2, 3] };
		expect(gradeItem(q, [0, 2], 3, 'partial')).toEqual({ correct: false, points: 2 });
		expect(gradeItem(q, [0], 2, 'partial')).toEqual({ correct: false, points: 0.67 });
		expect(gradeItem(q, [0, 1], 3, 'partial')).toEqual({ correct: false, points: 0 });
		expect(gradeItem(q, [0, 2, 3], 3, 'partial')).toEqual({ correct: true, points: 3 });
	});

	it('grades fill-in against every alternative, normalised', () => {
		const q = { type: 'fill_blank' as const, answer: ['全心全意为人民服务', '为人民服务'] };
		expect(gradeItem(q, '全心全意 为人民服务。', 1, 'partial').correct).toBe(true);
		expect(gradeItem(q, '为人民服务', 1, 'partial').correct).toBe(true);
		expect(gradeItem(q, '服务', 1, 'partial').correct).toBe(false);
	});
});

describe('toScore', () => {
	it('reports on the 100-point scale with one decimal', () => {
		expect(toScore(40, 80)).toBe(50);
		expect(toScore(2, 3)).toBe(66.7);
		expect(toScore(0, 0)).toBe(0);
	});
});
