import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { insertOrgUnit } from '../org/units';
import { statedSize } from '../../../test-support/spreadsheet';
import { importCourse } from './import';

// A course ZIP is inflated byte by byte against its limits: the sizes its headers state are a
// first check only, since nothing makes them true.
let t: OpenDatabase;
let actor: number;

beforeAll(async () => {
	t = await testDatabase();
	const school = await insertOrgUnit(t.db, { parentId: null, kind: 'committee', name: '示范大学党委', code: 'L-SCHOOL' });
	({ id: actor } = await t.db.insertInto('person').values({ username: 'l-teacher', name: '钱老师', gender: 'male', orgUnitId: school.id }).returning('id').executeTakeFirstOrThrow());
});
afterAll(() => t.close());

const courseMd = `---\ntitle: 限额测试课程\ncode: LIM\ncategory: 发展对象培训\ndescription: 简介\ncreditHours: 1\n---\n`;
const lessonMd = `---\ntitle: 第1课\norder: 1\ncreditHours: 1\nrequired: true\n---\n正文\n`;

async function lyingZip(name: string, realBytes: number) {
	const zip = new JSZip();
	zip.file('course.md', courseMd);
	zip.file('01-first.md', lessonMd);
	zip.file(name, new Uint8Array(realBytes));
	return statedSize(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }), name, 1000);
}

describe('importCourse and archives that understate their sizes', () => {
	it('stops a figure at the largest upload (100 MB), says which, and writes nothing', async () => {
		const result = await importCourse(t.db, actor, await lyingZip('figures/big.png', 101 * 1024 * 1024), { publish: true });
		expect(result).toEqual({ ok: false, errors: ['figures/big.png: 解压后超过 100 MB'] });
		expect(await t.db.selectFrom('course').select('id').where('code', '=', 'LIM').executeTakeFirst()).toBeUndefined();
	});

	it('stops a lesson file at 1 MB', async () => {
		const zip = new JSZip();
		zip.file('course.md', courseMd);
		zip.file('01-first.md', lessonMd + 'x'.repeat(2 * 1024 * 1024));
		const bytes = statedSize(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }), '01-first.md', 1000);
		expect(await importCourse(t.db, actor, bytes, { publish: true })).toEqual({ ok: false, errors: ['01-first.md: 解压后超过 1 MB'] });
	});

	it('reports a size that is a lie within the limits as a broken file, not a server error', async () => {
		const result = await importCourse(t.db, actor, await lyingZip('figures/small.png', 64 * 1024), { publish: true });
		expect(result).toEqual({ ok: false, errors: ['figures/small.png: 文件已损坏，无法解压'] });
	});
});
