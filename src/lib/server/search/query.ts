import { hasUnreadableCharacters } from '$lib/validation/fields';

// What a search box may send, read once at the boundary. A bad query is answered with a
// message beside the box (the person corrects it there), never with an error page or a 500.

/** Longest query, in characters: a phrase, not a paragraph (each extra pair is one more index key). */
export const MAX_QUERY = 40;
const MAX_PAGE = 1000;

export type SearchInput = { q: string; page: number } | { problem: string; q: string } | null;

/** The query and page in `params`; null when nothing was asked. */
export function readSearch(params: URLSearchParams): SearchInput {
	const raw = params.get('q');
	if (raw === null) return null;
	// Any run of spaces (full-width ones, tabs and line breaks from a paste too) is one space.
	const q = raw.replace(/\s+/gu, ' ').trim();
	const shown = Array.from(q).slice(0, MAX_QUERY).join('');
	if (!q) return raw === '' ? null : { problem: '请输入要搜索的字词（不能只有空格）', q: '' };
	if (hasUnreadableCharacters(q)) return { problem: '搜索内容含有无法识别的字符（可能是复制时带入的控制字符或编码错误），请删除后重新输入', q: '' };
	if (Array.from(q).length > MAX_QUERY) return { problem: `搜索内容不能超过 ${MAX_QUERY} 个字，请缩短后再试`, q: shown };
	const p = params.get('page') ?? '1';
	if (!/^[0-9]{1,4}$/.test(p) || Number(p) < 1 || Number(p) > MAX_PAGE) return { problem: '页码不正确，请从第 1 页开始查看', q };
	return { q, page: Number(p) };
}
