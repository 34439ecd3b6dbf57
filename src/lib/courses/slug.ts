import { pinyin } from 'pinyin-pro';

// A lesson's address needs an English short name (/courses/ACT/fa-zhan-dang-yuan). Instructors
// write titles in Chinese, so the short name is the title in toneless pinyin, one syllable per
// hyphenated part, until they write their own. Shared by the browser (filled in as the title is
// typed) and the server (a form sent with the field left empty).

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX = 60;

/** The title as a short name: pinyin for Chinese, letters and digits kept, all else a hyphen. */
export function slugFromTitle(title: string, taken: Iterable<string> = []): string {
	const parts = pinyin(title.normalize('NFKC'), { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
	let slug = parts
		.join('-')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	if (slug.length > SLUG_MAX) slug = slug.slice(0, SLUG_MAX + 1).replace(/-[^-]*$/, '') || slug.slice(0, SLUG_MAX);
	return unique(slug || 'lesson', new Set(taken));
}

/** `slug`, or `slug-2`, `slug-3` … the first one no other lesson of the course has. */
function unique(slug: string, taken: Set<string>) {
	if (!taken.has(slug)) return slug;
	for (let n = 2; ; n++) {
		const suffix = `-${n}`;
		const candidate = `${slug.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
		if (!taken.has(candidate)) return candidate;
	}
}
