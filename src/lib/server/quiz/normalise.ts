/**
 * Fill-in answers compare after folding what a learner cannot see or should not be marked
 * down for: full-width letters and digits (NFKC), every kind of space, letter case, and a
 * full stop typed at the end.
 */
export function normaliseFill(text: string) {
	return text
		.normalize('NFKC')
		.replace(/[\s\u200b\u3000]+/g, '')
		.replace(/[。.．]+$/u, '')
		.toLowerCase();
}

export function fillMatches(accepted: readonly string[], given: string) {
	const g = normaliseFill(given);
	return g !== '' && accepted.some((a) => normaliseFill(a) === g);
}
