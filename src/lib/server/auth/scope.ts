import { sql, type RawBuilder } from 'kysely';

// Scopes are sets of materialised org paths ('/1/3/'): a unit's subtree is every path that
// starts with its own. These helpers are the one place that turns a scope into SQL or
// compares scopes, so no query writes `path like …` by hand.

/** `text` as a literal inside a LIKE pattern (backslash is PostgreSQL's default escape). */
export function escapeLike(text: string) {
	return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** A LIKE pattern that finds `text` anywhere. */
export function containsPattern(text: string) {
	return `%${escapeLike(text)}%`;
}

/** `column` (an org path) lies in one of the subtrees of `paths`; no paths: false. */
export function inScope(column: string, paths: readonly string[]): RawBuilder<boolean> {
	if (paths.length === 0) return sql<boolean>`false`;
	const col = sql.ref(column);
	return sql<boolean>`(${sql.join(paths.map((p) => sql`${col} like ${`${escapeLike(p)}%`}`), sql` or `)})`;
}

/** `column` lies in one of the subtrees or above one of them (a school-wide cohort seen from a branch); no paths: false. */
export function overlapsScope(column: string, paths: readonly string[]): RawBuilder<boolean> {
	if (paths.length === 0) return sql<boolean>`false`;
	const col = sql.ref(column);
	return sql<boolean>`(${sql.join(
		paths.map((p) => sql`(${col} like ${`${escapeLike(p)}%`} or starts_with(${p}, ${col}))`),
		sql` or `
	)})`;
}

/** Whether `path` lies in one of the subtrees of `paths`. */
export function withinScope(path: string, paths: readonly string[]) {
	return paths.some((p) => path.startsWith(p));
}

/** The paths without those a wider one already covers, each once: queries stay short. */
export function minimalPaths(paths: readonly string[]): string[] {
	const unique = [...new Set(paths)];
	return unique.filter((p) => !unique.some((q) => q !== p && p.startsWith(q)));
}

/** The subtrees two scopes share: for each overlapping pair, the narrower one. */
export function intersectScopes(a: readonly string[], b: readonly string[]): string[] {
	const out = new Set<string>();
	for (const p of a)
		for (const q of b) {
			if (p.startsWith(q)) out.add(p);
			else if (q.startsWith(p)) out.add(q);
		}
	return [...out];
}
