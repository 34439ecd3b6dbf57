// `npm start`: build unless build/ is already the build of these sources, then serve it
// (scripts/serve.js). On a first start on the embedded database, the database is created while
// `vite build` runs (two cores: the build and initdb each keep one busy).
//
// build/.source-hash holds a SHA-256 of every file the build reads (src/lib/build/source-hash.js).
// Equal: the build is skipped. Anything else — a `git pull`, an edited lesson, no build/ at all, a build
// made by `npm run build` or the e2e tests (the adapter empties build/, so the hash goes too) —
// builds again. `npm run build` always builds.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDataDir } from '../src/lib/server/db/pglite-dir.js';
import { sourceHash } from '../src/lib/build/source-hash.js';

const root = resolve(import.meta.dirname, '..');
const stampFile = join(root, 'build', '.source-hash');

function build() {
	return new Promise((done, fail) => {
		const child = spawn(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
		child.on('error', fail);
		child.on('exit', (code) => (code === 0 ? done(undefined) : fail(new Error(`vite build 失败（退出码 ${code}）`))));
	});
}

const started = Date.now();
const hash = sourceHash(root);
const upToDate = existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === hash;
// The same choice as src/lib/server/db/config.ts: no DATABASE_URL means PGlite in PGLITE_DIR.
const pgliteDir = process.env.DATABASE_URL?.trim() ? undefined : resolve(process.env.PGLITE_DIR ?? 'data/pglite');
const creating = pgliteDir ? createDataDir(pgliteDir) : Promise.resolve(false);
creating.catch(() => {}); // reported where it is awaited, after the build
if (upToDate) {
	console.log('[start] build/ 已是当前源代码的构建，跳过 vite build（强制重新构建：npm run build）');
} else {
	// A failed build waits for the database's child process: nothing is left half-made behind it.
	await build().catch(async (error) => {
		await creating.catch(() => {});
		throw error;
	});
	mkdirSync(join(root, 'build'), { recursive: true });
	writeFileSync(stampFile, `${hash}\n`);
}
if (await creating) console.log(`[start] 已创建嵌入式数据库 ${pgliteDir}`);
console.log(`[start] 构建与数据库准备用时 ${Date.now() - started} ms`);
await import('./serve.js');
