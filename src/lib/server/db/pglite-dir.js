// Creating a new embedded database (PostgreSQL's initdb) is done in a child process that then
// exits. In the server's own process PGlite runs initdb in a second PGlite instance with its own
// WASM module and memory, and the process kept ~800 MB resident afterwards (measured: 818 MB
// after creating, 364 MB after opening an existing data directory). Plain JS, so that
// scripts/start.js can create the database while `vite build` runs.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const CREATE = 'const [, url, dir] = process.argv; const { PGlite } = await import(url); await (await PGlite.create({ dataDir: dir })).close();';

/** @param {string} dir */
export const hasDatabase = (dir) => existsSync(join(dir, 'PG_VERSION'));

/**
 * Makes `dir` an empty PostgreSQL data directory unless it already holds one. The new one is
 * built beside it and renamed into place, so an interrupted start leaves no half-made database.
 * @param {string} dir
 * @returns {Promise<boolean>} whether it was created
 */
export async function createDataDir(dir) {
	if (hasDatabase(dir)) return false;
	if (existsSync(dir) && readdirSync(dir).length) throw new Error(`嵌入式数据库目录 ${dir} 不为空，但不是 PostgreSQL 数据目录：请检查 PGLITE_DIR`);
	const building = `${dir}.creating-${process.pid}`;
	rmSync(building, { recursive: true, force: true });
	mkdirSync(dirname(building), { recursive: true });
	const url = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
	try {
		await new Promise((resolve, reject) => {
			const child = spawn(process.execPath, ['--input-type=module', '-e', CREATE, url, building], { stdio: ['ignore', 'ignore', 'pipe'] });
			let stderr = '';
			child.stderr.on('data', (chunk) => (stderr += chunk));
			child.on('error', reject);
			child.on('exit', (code) => (code === 0 ? resolve(undefined) : reject(new Error(`创建嵌入式数据库失败（${dir}）：${stderr.trim()}`))));
		});
		if (existsSync(dir)) rmdirSync(dir); // empty (checked above)
		renameSync(building, dir);
	} finally {
		rmSync(building, { recursive: true, force: true });
	}
	return true;
}
