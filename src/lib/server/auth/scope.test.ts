import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { inScope, intersectScopes, minimalPaths, overlapsScope, withinScope } from './scope';

let t: OpenDatabase;
beforeAll(async () => {
	t = await testDatabase();
});
afterAll(() => t.close());

// Paths as stored, plus two that hold LIKE metacharacters, so an unescaped pattern would match them.
const stored = ['/1/', '/1/3/', '/1/3/5/', '/1/4/', '/10/', '/1%/', '/1_/', '/1\\/'];

async function matching(where: ReturnType<typeof inScope>) {
	const values = sql.join(stored.map((p) => sql`(${p})`));
	const { rows } = await sql<{ path: string }>`select path from (values ${values}) as t(path) where ${where} order by path`.execute(t.db);
	return rows.map((r) => r.path).sort();
}

describe('inScope', () => {
	it('matches the subtree of each path and nothing beside it', async () => {
		expect(await matching(inScope('t.path', ['/1/3/']))).toEqual(['/1/3/', '/1/3/5/']);
		expect(await matching(inScope('t.path', ['/1/4/', '/10/']))).toEqual(['/1/4/', '/10/']);
	});

	it('is false for an empty scope', async () => {
		expect(await matching(inScope('t.path', []))).toEqual([]);
	});

	it('treats % and _ in a path as themselves', async () => {
		expect(await matching(inScope('t.path', ['/1%/']))).toEqual(['/1%/']);
		expect(await matching(inScope('t.path', ['/1_/']))).toEqual(['/1_/']);
		expect(await matching(inScope('t.path', ['/1\\/']))).toEqual(['/1\\/']);
	});
});

describe('overlapsScope', () => {
	it('matches the subtree and the units above it', async () => {
		expect(await matching(overlapsScope('t.path', ['/1/3/']))).toEqual(['/1/', '/1/3/', '/1/3/5/']);
		expect(await matching(overlapsScope('t.path', []))).toEqual([]);
		expect(await matching(overlapsScope('t.path', ['/1_/']))).toEqual(['/1_/']);
	});
});

describe('path sets', () => {
	it('keeps the widest paths once, and siblings that share a numeric prefix', () => {
		expect(minimalPaths(['/1/3/5/', '/1/3/', '/1/3/', '/1/4/7/'])).toEqual(['/1/3/', '/1/4/7/']);
		expect(minimalPaths(['/1/', '/10/'])).toEqual(['/1/', '/10/']);
	});

	it('intersects to the narrower of each overlapping pair', () => {
		expect(intersectScopes(['/1/3/'], ['/1/'])).toEqual(['/1/3/']);
		expect(intersectScopes(['/1/'], ['/1/4/', '/1/3/5/'])).toEqual(['/1/4/', '/1/3/5/']);
		expect(intersectScopes(['/1/3/'], ['/1/4/'])).toEqual([]);
		expect(withinScope('/1/3/5/', ['/1/4/', '/1/3/'])).toBe(true);
		expect(withinScope('/10/', ['/1/'])).toBe(false);
	});
});
