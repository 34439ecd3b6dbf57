const letter = (k: number) => String.fromCharCode(65 + k);

type Shown = { type: string; options: { i: number }[] };

/** An answer or a key as this learner saw the options: letters in their order, texts as given. */
export function shownAnswer(q: Shown, value: unknown): string {
	if (value === undefined || value === null) return '未作答';
	if (q.type === 'single' || q.type === 'multiple') {
		const picked = (Array.isArray(value) ? value : [value]) as number[];
		const letters = q.options.map((o, k) => (picked.includes(o.i) ? letter(k) : '')).filter(Boolean);
		return letters.length ? letters.join('、') : '未作答';
	}
	if (q.type === 'true_false') return value ? '正确' : '错误';
	return Array.isArray(value) ? value.join(' / ') : String(value) || '未作答';
}
