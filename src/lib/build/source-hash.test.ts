// `npm start` skips `vite build` when build/.source-hash equals this hash: it must change with
// every file the build reads, and only with those (a test edit or a tool's cache is no reason to
// make an admin wait for a build).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceHash } from './source-hash.js';

let root: string;
beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'dx-source-hash-'));
	await mkdir(join(root, 'src/routes'), { recursive: true });
	await mkdir(join(root, 'content/courses/a'), { recursive: true });
	await writeFile(join(root, 'src/routes/+page.svelte'), '<h1>首页</h1>');
	await writeFile(join(root, 'content/courses/a/course.md'), '---\ntitle: 课程\n---\n');
	await writeFile(join(root, 'package-lock.json'), '{}');
});
afterAll(() => rm(root, { recursive: true, force: true }));

it('changes with a source, a lesson, the lock file, an added or a removed file', async () => {
	const first = sourceHash(root);
	expect(sourceHash(root)).toBe(first);

	await writeFile(join(root, 'src/routes/+page.svelte'), '<h1>首页！</h1>');
	const edited = sourceHash(root);
	expect(edited).not.toBe(first);

	await writeFile(join(root, 'content/courses/a/course.md'), '---\ntitle: 新课程\n---\n');
	const lesson = sourceHash(root);
	expect(lesson).not.toBe(edited);

	await writeFile(join(root, 'package-lock.json'), '{"lockfileVersion":3}');
	const locked = sourceHash(root);
	expect(locked).not.toBe(lesson);

	await writeFile(join(root, 'src/routes/extra.ts'), 'export {};');
	const added = sourceHash(root);
	expect(added).not.toBe(locked);
	await unlink(join(root, 'src/routes/extra.ts'));
	expect(sourceHash(root)).toBe(locked);
});

it('a renamed file changes it (the path counts, not only the bytes)', async () => {
	const before = sourceHash(root);
	await writeFile(join(root, 'src/routes/b.ts'), 'export {};');
	const b = sourceHash(root);
	await unlink(join(root, 'src/routes/b.ts'));
	await writeFile(join(root, 'src/routes/c.ts'), 'export {};');
	expect(sourceHash(root)).not.toBe(b);
	await unlink(join(root, 'src/routes/c.ts'));
	expect(sourceHash(root)).toBe(before);
});

it('tests, dot folders and a stray node_modules are not build inputs', async () => {
	const before = sourceHash(root);
	await writeFile(join(root, 'src/routes/page.test.ts'), 'it()');
	await mkdir(join(root, 'src/lib/node_modules/.vite'), { recursive: true });
	await writeFile(join(root, 'src/lib/node_modules/.vite/cache.js'), '1');
	await mkdir(join(root, 'src/.cache'), { recursive: true });
	await writeFile(join(root, 'src/.cache/x'), '1');
	expect(sourceHash(root)).toBe(before);
});
