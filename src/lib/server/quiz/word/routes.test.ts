import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isActionFailure } from '@sveltejs/kit';
import { testDatabase } from '../../../../test-support/db';
import type { OpenDatabase } from '../../db/engine';
import type { AuthUser } from '../../auth/session';
import { buildSchool } from '../../../../test-support/cohorts';
import { runAction, runLoad } from '../../../../test-support/load';
import { outcome } from '../../../../test-support/once';
import { GET as exportBank } from '../../../../routes/(manage)/bank/[courseId=id]/word/+server';
import { GET as template } from '../../../../routes/(manage)/bank/template/word/+server';
import { actions } from '../../../../routes/(manage)/bank/[courseId=id]/import/+page.server';
import { checkImport } from '../import';
import { jsonb } from '../jsonb';
import { wordTemplate } from './template';

// The Word import, export and template behind the bank's own authorization: bank.manage over
// the unit that owns the course, as the XLSX import.

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildSchool>>;
let medCourse: number;
let csInstructor: AuthUser;

beforeAll(async () => {
	t = await testDatabase();
	s = await buildSchool(t.db);
	({ id: medCourse } = await t.db
		.insertInto('course')
		.values({ code: 'MEDW', title: '医学院题库', category: 'member_education', source: 'browser', orgUnitId: s.units.med.id })
		.returning('id')
		.executeTakeFirstOrThrow());
	await t.db.insertInto('question').values({ courseId: medCourse, source: 'browser', type: 'true_false', chapter: null, stem: '医学院的题', options: [], answer: jsonb(true) }).execute();
	// An instructor of 计算机学院: bank.manage there, not over 医学院's courses.
	csInstructor = { ...s.users.instructor, id: s.learners.pg1.id, roles: [{ role: 'instructor', orgUnitId: s.units.cs.id, orgPath: s.units.cs.path, orgName: 'cs', orgKind: 'committee' }] };
});
afterAll(() => t.close());

const denied = async (p: Promise<unknown>) => expect(await outcome(p).catch((e) => e)).toMatchObject({ status: 403, body: { message: '该课程不属于您的授课范围' } });
const questions = () => t.db.selectFrom('question').select('stem').where('courseId', '=', medCourse).execute();

describe('Word banks behind the bank authorization', () => {
	it('refuses an instructor without scope over the bank both the export and the import, and writes nothing', async () => {
		const params = { courseId: String(medCourse) };
		await denied(Promise.resolve().then(() => runLoad(exportBank as never, { db: t.db, user: csInstructor, path: `/bank/${medCourse}/word`, params })));
		const file = new File([await wordTemplate()], '题目导入模板.docx');
		await denied(Promise.resolve().then(() => runAction(actions.default as never, { db: t.db, user: csInstructor, path: `/bank/${medCourse}/import`, params, fields: { file } })));
		expect(await questions()).toEqual([{ stem: '医学院的题' }]);
	});

	it('lets a school instructor export the bank as a .docx that imports back', async () => {
		const res = (await runLoad(exportBank as never, { db: t.db, user: s.users.instructor, path: `/bank/${medCourse}/word`, params: { courseId: String(medCourse) } })) as Response;
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
		expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('医学院题库题库.docx'));
		const bytes = new Uint8Array(await res.arrayBuffer());
		const { id: other } = await t.db.insertInto('course').values({ code: 'MEDW2', title: '另一课程', category: 'member_education', source: 'browser' }).returning('id').executeTakeFirstOrThrow();
		expect(await checkImport(t.db, other, '医学院题库.docx', bytes)).toMatchObject({ ok: true, questions: [{ type: 'true_false', stem: '医学院的题', answer: true }] });
	});

	it('serves the template to whoever manages some bank, and not to a learner', async () => {
		const res = (await runLoad(template as never, { db: t.db, user: csInstructor, path: '/bank/template/word' })) as Response;
		expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('题目导入模板.docx'));
		expect(await checkImport(t.db, medCourse, '模板.docx', new Uint8Array(await res.arrayBuffer()))).toMatchObject({ ok: true, questions: { length: 4 } });
		expect(await outcome(Promise.resolve().then(() => runLoad(template as never, { db: t.db, user: s.learners.pg1, path: '/bank/template/word' }))).catch((e) => e)).toMatchObject({ status: 403 });
	});

	it('answers a file that is not a Word document with a Chinese message through the form, never a 500', async () => {
		const file = new File(['这不是 Word 文件'], '题库.docx');
		const answer = await runAction(actions.default as never, { db: t.db, user: s.users.instructor, path: `/bank/${medCourse}/import`, params: { courseId: String(medCourse) }, fields: { file } });
		expect(isActionFailure(answer) && [answer.status, answer.data]).toEqual([400, { message: '无法读取文件，请确认是有效的 Word 文档（.docx）', errors: [] }]);
		expect(await questions()).toEqual([{ stem: '医学院的题' }]);
	});
});
