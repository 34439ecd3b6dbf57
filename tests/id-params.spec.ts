import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { originHeader, signIn } from './crawl';

// A URL whose id segment is not a row id (letters, 0, a number past PostgreSQL's integer) is a
// 404 with a Chinese message on every route: the `id` param matcher (src/params/id.ts) refuses
// it before any load runs, so no load can pass NaN or 99999999999 to the database.
const routesDir = fileURLToPath(new URL('../src/routes/', import.meta.url));
/** Params named like ids that are not row ids: a practice question's code, a file's UUID. */
const notRowIds = ['api/practice/[id]', 'files/[id]'];

const files = (readdirSync(routesDir, { recursive: true }) as string[]).map((f) => f.split('\\').join('/')).filter((f) => /(^|\/)\+(page\.server|server)\.ts$/.test(f));

interface Route {
	file: string;
	method: string;
	/** URL segments; params as in the folder name */
	segments: string[];
	/** indexes of the segments that are row ids */
	ids: number[];
}

const routes: Route[] = files.map((file) => {
	const dir = file.replace(/(^|\/)\+(page\.server|server)\.ts$/, '');
	const parts = dir.split('/');
	const segments: string[] = [];
	const ids: number[] = [];
	parts.forEach((s, i) => {
		if (/^\(.+\)$/.test(s) || !s) return;
		const prefix = parts.slice(0, i + 1).join('/');
		if (/^\[(id|\w+Id)(=id)?\]$/.test(s) && !notRowIds.some((n) => prefix.endsWith(n))) ids.push(segments.length);
		segments.push(s);
	});
	const method = file.endsWith('+server.ts') ? (/export const (GET|POST|PUT)\b/.exec(readFileSync(routesDir + file, 'utf8'))?.[1] ?? 'GET') : 'GET';
	return { file, method, segments, ids };
});

test('every numeric id in a route folder goes through the id matcher', () => {
	const unmatched = routes.filter((r) => r.ids.some((i) => !r.segments[i].endsWith('=id]'))).map((r) => r.file);
	expect(unmatched, 'route folders with an id param but no =id matcher').toEqual([]);
	expect(routes.filter((r) => r.ids.length).length).toBeGreaterThan(30);
});

test('a URL whose id is not a row id is a 404 in Chinese, never a 500 nor a database refusal', async () => {
	test.setTimeout(5 * 60_000);
	const admin = await signIn('admin');
	const problems: string[] = [];
	for (const bad of ['abc', '0', '99999999999']) {
		for (const { method, segments, ids } of routes) {
			for (const at of ids) {
				const url = '/' + segments.map((s, j) => (j === at ? bad : s.startsWith('[') ? '1' : s)).join('/');
				const res = await admin.fetch(url, { method, headers: { ...originHeader(), accept: 'text/html', 'content-type': 'application/json' }, data: method === 'GET' ? undefined : '{}', maxRedirects: 0 });
				const text = await res.text();
				// The route's own message could hide behind the layout's Chinese: the matcher's 404 says this.
				if (res.status() !== 404 || !text.includes('页面不存在') || res.headers()['x-refused-by']) problems.push(`${method} ${url}: ${res.status()} ${text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 100)}`);
			}
		}
	}
	expect(problems).toEqual([]);
});
