// What `npm start` compares with build/.source-hash to skip an up-to-date build (scripts/start.js).
// Plain JS: it runs before anything is built.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Everything `vite build` reads from the tree: the app, its content and migrations, the configs, the locked dependencies. */
export const BUILD_INPUTS = ['src', 'content', 'static', 'migrations', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json'];

/** @param {string} path @param {string[]} into */
function filesUnder(path, into) {
	const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	for (const entry of entries) {
		// Tools' caches (node_modules/.vite from a vitest run in a subfolder) and tests are not built.
		if (entry.name.startsWith('.') || entry.name === 'node_modules' || /\.(test|spec)\.[jt]s$/.test(entry.name)) continue;
		const full = join(path, entry.name);
		if (entry.isDirectory()) filesUnder(full, into);
		else if (entry.isFile()) into.push(full);
	}
	return into;
}

/**
 * SHA-256 over the path and content of every build input under `root`: any edit, added or
 * removed file changes it. About 800 files, tens of milliseconds.
 * @param {string} root
 */
export function sourceHash(root) {
	const hash = createHash('sha256');
	for (const input of BUILD_INPUTS) {
		const full = join(root, input);
		if (!existsSync(full)) continue;
		const files = statSync(full).isDirectory() ? filesUnder(full, []) : [full];
		for (const file of files) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
	}
	return hash.digest('hex');
}
