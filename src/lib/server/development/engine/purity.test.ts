import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The engine decides on data it is given: no database, no I/O, no server module. Callers put it
// inside a transaction on freshly loaded records; a database import here would let it read
// something the transaction did not lock, and would keep it from running in a plain loop.

const engineDir = dirname(fileURLToPath(import.meta.url));

const forbiddenPackages = [/^kysely(\/|$)/, /^postgres(\/|$)/, /^pg(\/|$)/, /^@electric-sql\/pglite/, /^node:/, /^(fs|path|child_process|net|http|https|os)(\/|$)/];

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : /\.(ts|js)$/.test(e.name) ? [join(dir, e.name)] : []));
}

const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])([^'"\n]+)\1/gm;

/** Every import of `file` that the engine may not have, with why. */
export function impureImports(file: string, text: string): string[] {
	const problems: string[] = [];
	for (const m of text.matchAll(specifier)) {
		const spec = m[2];
		if (spec.startsWith('.')) {
			const target = relative(engineDir, resolve(dirname(file), spec));
			if (target.startsWith('..')) problems.push(`${spec}（引用了 engine/ 以外的文件）`);
		} else if (spec.startsWith('$lib/server/')) problems.push(`${spec}（服务器模块）`);
		else if (forbiddenPackages.some((p) => p.test(spec))) problems.push(`${spec}（数据库或 I/O）`);
	}
	return problems;
}

describe('the development engine is pure', () => {
	// Its tests are not the engine: they may build their cases with src/test-support's fixtures.
	const files = filesUnder(engineDir).filter((f) => !f.endsWith('.test.ts'));

	it('finds the engine files', () => {
		expect(files.length).toBeGreaterThan(30);
	});

	it('no engine file imports a database, I/O or anything outside engine/', () => {
		const found = files.flatMap((f) => impureImports(f, readFileSync(f, 'utf8')).map((p) => `${relative(engineDir, f)}: ${p}`));
		expect(found).toEqual([]);
	});

	it('the check itself sees each kind of bad import', () => {
		const f = join(engineDir, 'x.ts');
		const bad = ["import { sql } from 'kysely';", "import { db } from '$lib/server/db';", "import type { Database } from '../db/schema';", "const m = await import('@electric-sql/pglite');", "import postgres from 'postgres';"];
		for (const line of bad) expect(impureImports(f, line), line).toHaveLength(1);
		expect(impureImports(f, "import { addDays } from './dates';\nimport { stages } from '$lib/development/stages';")).toEqual([]);
	});
});
