/** '2026-05-08' → '2026年5月8日'. */
export function chineseDate(date: string) {
	const [y, m, d] = date.split('-').map(Number);
	return `${y}年${m}月${d}日`;
}

/** 张*伟 for three characters or more, 张* for two: enough to recognise, not to harvest. */
export function maskName(name: string) {
	const chars = [...name.trim()];
	if (chars.length <= 1) return chars.join('');
	if (chars.length === 2) return `${chars[0]}*`;
	return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
