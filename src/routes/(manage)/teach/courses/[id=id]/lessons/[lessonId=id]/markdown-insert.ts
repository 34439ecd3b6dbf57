// What the editor's toolbar does to the text: each function takes the text and the selection and
// returns the new text with the selection to set, so the insertions can be tested without a
// browser. Components are written exactly as src/lib/server/courses/markdown.ts reads them: one
// tag per line, with a blank line before and after.

export interface Edit {
	text: string;
	start: number;
	end: number;
}

/** `**selection**`, or a placeholder between the marks, selected so that typing replaces it. */
export function wrap(text: string, start: number, end: number, mark: string, placeholder: string): Edit {
	const inner = text.slice(start, end) || placeholder;
	const at = start + mark.length;
	return { text: text.slice(0, start) + mark + inner + mark + text.slice(end), start: at, end: at + inner.length };
}

/** Each line the selection touches gets `prefix(i)`; an empty line gets a placeholder to type over. */
export function prefixLines(text: string, start: number, end: number, prefix: (i: number) => string, placeholder: string): Edit {
	const from = text.lastIndexOf('\n', start - 1) + 1;
	const newline = text.indexOf('\n', Math.max(end - (end > start && text[end - 1] === '\n' ? 1 : 0), start));
	const to = newline === -1 ? text.length : newline;
	const lines = text.slice(from, to).split('\n');
	if (lines.length === 1 && !lines[0].trim()) {
		const p = prefix(0);
		return { text: text.slice(0, from) + p + placeholder + text.slice(to), start: from + p.length, end: from + p.length + placeholder.length };
	}
	const changed = lines.map((line, i) => prefix(i) + line.replace(/^(#{1,6} |[-*] |\d+\. )/, '')).join('\n');
	return { text: text.slice(0, from) + changed + text.slice(to), start: from, end: from + changed.length };
}

/** `block` on lines of its own in place of the selection, a blank line on each side; `select` is within the block. */
export function insertBlock(text: string, start: number, end: number, block: string, select?: [number, number]): Edit {
	const before = text.slice(0, start).replace(/[ \t]+$/, '');
	const after = text.slice(end).replace(/^[ \t]+/, '');
	const lead = before === '' ? '' : before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
	const trail = after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
	const at = before.length + lead.length;
	const [s, e] = select ?? [block.length, block.length];
	return { text: before + lead + block + trail + after, start: at + s, end: at + e };
}

/** An attribute value the component parser accepts: no double quote, no line break. */
export const attr = (value: string) => value.replace(/["\r\n]/g, '').trim();

export const table = '| 列 1 | 列 2 |\n| --- | --- |\n| 内容 | 内容 |';

/** `<KeyPoint>` around the selection (or a placeholder, selected). */
export function keyPoint(selected: string) {
	const open = '<KeyPoint title="要点">\n\n';
	const inner = selected.trim() || '要点内容';
	return { block: `${open}${inner}\n\n</KeyPoint>`, select: [open.length, open.length + inner.length] as [number, number] };
}

export const video = (src: string, title: string) => `<Video src="${attr(src)}" title="${attr(title)}" />`;
export const practice = (id: string) => `<Practice id="${attr(id)}" />`;

/** An address a lesson may load media from (the renderer's rule: https or an uploaded /files/… file). */
export function isMediaUrl(url: string) {
	return /^\/files\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(url) || /^https?:\/\/[^\s"'<>\\]+$/i.test(url);
}
