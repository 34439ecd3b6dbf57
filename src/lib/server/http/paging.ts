/** page/pageSize from the query string, clamped to sane values. */
export function parsePaging(url: URL, defaultSize = 20) {
	const page = Math.max(1, Math.floor(Number(url.searchParams.get('page')) || 1));
	const size = Math.floor(Number(url.searchParams.get('size')) || defaultSize);
	return { page, pageSize: Math.min(100, Math.max(5, size)) };
}

export function intParam(url: URL, name: string) {
	const v = Number(url.searchParams.get(name));
	return Number.isInteger(v) && v > 0 ? v : undefined;
}
