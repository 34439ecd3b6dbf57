// A hit is shown as pieces of text, the matches marked, which the page renders with <mark>
// through Svelte's escaping: lesson text never reaches the page as HTML.

export interface Piece {
	text: string;
	hit: boolean;
}

/** `text` cut into pieces, every occurrence of `q` (ignoring case) marked. */
export function highlight(text: string, q: string): Piece[] {
	if (!q) return text ? [{ text, hit: false }] : [];
	// Folding case must keep positions: where it would change the length, match exactly.
	const folded = text.toLowerCase();
	const fq = q.toLowerCase();
	const [hay, needle] = folded.length === text.length && fq.length === q.length ? [folded, fq] : [text, q];
	const pieces: Piece[] = [];
	let from = 0;
	for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + needle.length)) {
		if (at > from) pieces.push({ text: text.slice(from, at), hit: false });
		pieces.push({ text: text.slice(at, at + needle.length), hit: true });
		from = at + needle.length;
	}
	if (from < text.length) pieces.push({ text: text.slice(from), hit: false });
	return pieces;
}
