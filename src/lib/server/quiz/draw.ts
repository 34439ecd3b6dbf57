import type { PaperItem, PaperRule, QuestionType } from './tables';

/** What drawing needs to know of a bank question. */
export interface PoolQuestion {
	id: number;
	type: QuestionType;
	chapter: number | null;
	difficulty: number;
	optionCount: number;
}

export interface DrawOptions {
	shuffleQuestions: boolean;
	shuffleOptions: boolean;
}

/** mulberry32: small, fast and the same on every engine, so a stored seed redraws the same paper. */
export function prng(seed: number) {
	let a = seed | 0;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function newSeed() {
	return crypto.getRandomValues(new Int32Array(1))[0];
}

function shuffle<T>(items: T[], random: () => number) {
	const a = [...items];
	for (let i = a.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[a[i], a[j]] = [a[j], a[i]];
	}
	return a;
}

const matches = (rule: PaperRule) => (q: PoolQuestion) =>
	q.type === rule.type &&
	(!rule.chapters?.length || (q.chapter !== null && rule.chapters.includes(q.chapter))) &&
	(rule.difficulty === undefined || q.difficulty === rule.difficulty);

/**
 * The order rules are drawn in: narrowest pool first, so that a broad rule ("any 5 single")
 * cannot use up the questions a narrow one ("10 single from chapter 1") needs.
 */
function drawOrder(pool: PoolQuestion[], rules: PaperRule[]) {
	const sizes = rules.map((r) => pool.filter(matches(r)).length);
	return rules.map((_, i) => i).sort((a, b) => sizes[a] - sizes[b] || a - b);
}

/**
 * Problems that could make some draw fail, whatever the seed: a rule is safe when its pool,
 * less everything rules drawn before it could have taken from that pool, still holds its count.
 */
export function checkRules(pool: PoolQuestion[], rules: PaperRule[]): string[] {
	const problems: string[] = [];
	const pools = rules.map((r) => new Set(pool.filter(matches(r)).map((q) => q.id)));
	const order = drawOrder(pool, rules);
	order.forEach((i, k) => {
		const taken = order.slice(0, k).filter((j) => [...pools[j]].some((id) => pools[i].has(id))).reduce((n, j) => n + rules[j].count, 0);
		const left = pools[i].size - taken;
		if (left < rules[i].count) {
			problems.push(
				`第 ${i + 1} 条规则需要 ${rules[i].count} 道题，符合条件的题目只有 ${pools[i].size} 道` +
					(taken ? `（其中最多 ${Math.min(taken, pools[i].size)} 道可能已被其他规则抽走）` : '')
			);
		}
	});
	return problems;
}

/** A learner's paper: the same pool, rules and seed always give the same paper. */
export function drawPaper(pool: PoolQuestion[], rules: PaperRule[], seed: number, options: DrawOptions): PaperItem[] {
	const random = prng(seed);
	const sorted = [...pool].sort((a, b) => a.id - b.id);
	const used = new Set<number>();
	const byRule: PoolQuestion[][] = rules.map(() => []);
	for (const i of drawOrder(sorted, rules)) {
		const candidates = sorted.filter((q) => !used.has(q.id) && matches(rules[i])(q));
		if (candidates.length < rules[i].count) throw new Error(`第 ${i + 1} 条规则的题目不足：需要 ${rules[i].count} 道，只有 ${candidates.length} 道`);
		byRule[i] = shuffle(candidates, random).slice(0, rules[i].count);
		for (const q of byRule[i]) used.add(q.id);
	}
	let items = byRule.flatMap((qs, i) =>
		(options.shuffleQuestions ? qs : [...qs].sort((a, b) => (a.chapter ?? 0) - (b.chapter ?? 0) || a.id - b.id)).map((q) => ({ q, points: rules[i].points }))
	);
	if (options.shuffleQuestions) items = shuffle(items, random);
	return items.map(({ q, points }) => ({
		q: q.id,
		p: points,
		o:
			options.shuffleOptions && (q.type === 'single' || q.type === 'multiple')
				? shuffle(Array.from({ length: q.optionCount }, (_, i) => i), random)
				: null
	}));
}

export const paperMaxPoints = (paper: PaperItem[]) => Math.round(paper.reduce((n, i) => n + i.p, 0) * 100) / 100;
