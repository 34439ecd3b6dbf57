// The embedded database of `npm start` (openPglite on PGLITE_DIR): a first start creates it without
// the server keeping initdb's memory, a later start opens what is there, and PGlite's buffer pool is
// PGLITE_SHARED_BUFFERS. PGlite by nature: the same on a PostgreSQL run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openPglite, pgliteStartParams } from './engine';
import { createDataDir, hasDatabase } from './pglite-dir.js';

const rssMb = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;

let tmp: string;
beforeAll(async () => {
	tmp = await mkdtemp(join(tmpdir(), 'dx-pglite-dir-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('the embedded database folder', () => {
	it('a first start creates the database and the process stays light', async () => {
		const dir = join(tmp, 'first');
		await mkdir(dir); // as database() leaves it before opening
		const before = rssMb();
		const opened = await openPglite(dir);
		const grownMb = rssMb() - before;
		try {
			await sql`create table kept (note text)`.execute(opened.db);
			await sql`insert into kept values ('第一次启动')`.execute(opened.db);
			// initdb in this process left ~700 MB resident (a second PGlite instance, its WASM
			// memory and initdb's own, and 128 MB of shared_buffers): measured 818 MB after creating
			// against 364 MB after opening an existing folder.
			expect(grownMb).toBeLessThan(350);
		} finally {
			await opened.close();
		}
		expect(hasDatabase(dir)).toBe(true);
		expect((await readdir(tmp)).filter((name) => name.includes('.creating-'))).toEqual([]);

		const again = await openPglite(dir);
		try {
			const { rows } = await sql<{ note: string }>`select note from kept`.execute(again.db);
			expect(rows).toEqual([{ note: '第一次启动' }]);
			const { rows: buffers } = await sql<{ sharedBuffers: string }>`show shared_buffers`.execute(again.db);
			expect(buffers[0].sharedBuffers).toBe('16MB');
		} finally {
			await again.close();
		}
	});

	it('an existing database is left as it is', async () => {
		expect(await createDataDir(join(tmp, 'first'))).toBe(false);
	});

	it('a folder holding other files is refused, in Chinese, and left alone', async () => {
		const dir = join(tmp, 'other');
		await mkdir(dir);
		await writeFile(join(dir, 'notes.txt'), '别的文件');
		await expect(createDataDir(dir)).rejects.toThrow(/不为空，但不是 PostgreSQL 数据目录/);
		expect(await readdir(dir)).toEqual(['notes.txt']);
	});

	it('PGLITE_SHARED_BUFFERS sets the buffer pool', () => {
		expect(pgliteStartParams({ PGLITE_SHARED_BUFFERS: '64MB' }).slice(-2)).toEqual(['-c', 'shared_buffers=64MB']);
		expect(pgliteStartParams({}).slice(-2)).toEqual(['-c', 'shared_buffers=16MB']);
		// PGlite's own parameters stay (single-user mode, no parallel workers …).
		expect(pgliteStartParams({})).toContain('--single');
	});
});
