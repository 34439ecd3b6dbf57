import { describe, expect, it } from 'vitest';
import { checkRules, drawPaper, paperMaxPoints, prng, type PoolQuestion } from './draw';
import type { PaperRule, QuestionType } from './tables';

// 8 chapters × (6 single, 2 multiple, 2 true/false, 1 fill-in), difficulty cycling 1–3.
const pool: PoolQuestion[] = [];
for (let chapter = 1; chapter <= 8; chapter++) {
	const types: QuestionType[] = ['single', 'single', 'single', 'single', 'single', 'single', 'multiple', 'multiple', 'true_false', 'true_false', 'fill_blank'];
	for (const type of types) {
		const id = pool.length + 1;
		pool.push({ id, type, chapter, difficulty: (id % 3) + 1, optionCount: type === 'single' ? 4 : type === 'multiple' ? 5 : 0 });
	}
}
const byId = new Map(pool.map((q) => [q.id, q]));
const rules: PaperRule[] = [
	{ type: 'single', count: 20, points: 2, chapters: [1, 2, 3, 4] },
	{ type: 'multiple', count: 10, points: 3 },
	{ type: 'true_false', count: 10, points: 1 }
];
const shuffled = { shuffleQuestions: true, shuffleOptions: true };

describe('drawPaper', () => {
	it('respects every rule: counts, types, chapters, no question twice', () => {
		for (const seed of [1, 2, 3, -77, 2 ** 31 - 1]) {
			const paper = drawPaper(pool, rules, seed, shuffled);
			expect(paper).toHaveLength(40);
			expect(new Set(paper.map((i) => i.q)).size).toBe(40);
			const drawn = paper.map((i) => ({ ...byId.get(i.q)!, points: i.p }));
			const singles = drawn.filter((q) => q.type === 'single');
			expect(singles).toHaveLength(20);
			expect(singles.every((q) => q.chapter! <= 4 && q.points === 2)).toBe(true);
			expect(drawn.filter((q) => q.type === 'multiple' && q.points === 3)).toHaveLength(10);
			expect(drawn.filter((q) => q.type === 'true_false' && q.points === 1)).toHaveLength(10);
			expect(paperMaxPoints(paper)).toBe(80);
		}
	});

	it('is reproducible from the stored seed, whatever order the pool comes in', () => {
		const a = drawPaper(pool, rules, 12345, shuffled);
		const b = drawPaper([...pool].reverse(), rules, 12345, shuffled);
		expect(b).toEqual(a);
		expect(drawPaper(pool, rules, 54321, shuffled)).not.toEqual(a);
	});

	it('shuffles options as a permutation of the choice questions only', () => {
		const paper = drawPaper(pool, rules, 9, shuffled);
		for (const item of paper) {
			const q = byId.get(item.q)!;
			if (q.type === 'single' || q.type === 'multiple') expect([...item.o!].sort()).toEqual(Array.from({ length: q.optionCount }, (_, i) => i));
			else expect(item.o).toBeNull();
		}
		expect(paper.some((i) => i.o && i.o.some((v, k) => v !== k))).toBe(true);
	});

	it('keeps rule order and chapter order when not shuffling', () => {
		const paper = drawPaper(pool, rules, 9, { shuffleQuestions: false, shuffleOptions: false });
		const types = paper.map((i) => byId.get(i.q)!.type);
		expect(types.slice(0, 20).every((t) => t === 'single')).toBe(true);
		expect(types.slice(20, 30).every((t) => t === 'multiple')).toBe(true);
		const chapters = paper.slice(0, 20).map((i) => byId.get(i.q)!.chapter!);
		expect(chapters).toEqual([...chapters].sort((x, y) => x - y));
		expect(paper.every((i) => i.o === null)).toBe(true);
	});

	it('draws narrow rules first, so a broad rule cannot starve them', () => {
		const overlapping: PaperRule[] = [
			{ type: 'single', count: 40, points: 1 },
			{ type: 'single', count: 6, points: 1, chapters: [1] }
		];
		expect(checkRules(pool, overlapping)).toEqual([]);
		for (let seed = 0; seed < 50; seed++) {
			const paper = drawPaper(pool, overlapping, seed, shuffled);
			expect(paper.filter((i) => byId.get(i.q)!.chapter === 1 && i.p === 1)).toHaveLength(paper.filter((i) => byId.get(i.q)!.chapter === 1).length);
			expect(new Set(paper.map((i) => i.q)).size).toBe(46);
		}
	});

	it('filters by difficulty', () => {
		const paper = drawPaper(pool, [{ type: 'single', count: 5, points: 2, difficulty: 3 }], 4, shuffled);
		expect(paper.every((i) => byId.get(i.q)!.difficulty === 3)).toBe(true);
	});

	it('refuses rules the bank cannot meet, naming the rule', () => {
		const tooMany: PaperRule[] = [{ type: 'fill_blank', count: 9, points: 1 }];
		expect(checkRules(pool, tooMany)).toEqual(['第 1 条规则需要 9 道题，符合条件的题目只有 8 道']);
		expect(() => drawPaper(pool, tooMany, 1, shuffled)).toThrow('第 1 条规则');
		const crowded: PaperRule[] = [
			{ type: 'single', count: 6, points: 1, chapters: [1] },
			{ type: 'single', count: 8, points: 1, chapters: [1, 2] }
		];
		expect(checkRules(pool, crowded)[0]).toMatch(/^第 2 条规则需要 8 道题，符合条件的题目只有 12 道（其中最多 6 道/);
	});
});

describe('prng', () => {
	it('gives the same sequence for the same seed', () => {
		const a = prng(42);
		const b = prng(42);
		const xs = Array.from({ length: 5 }, () => a());
		expect(xs).toEqual(Array.from({ length: 5 }, () => b()));
		expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
	});
});
