import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildSchool } from '../../../test-support/cohorts';
import { applyImport, checkImport, importTemplate } from './import';

let t: OpenDatabase;
let courseId: number;
let actorId: number;
const csv = (text: string) => new TextEncoder().encode(text);

beforeAll(async () => {
	t = await testDatabase();
	actorId = (await buildSchool(t.db)).users.instructor.id;
	({ id: courseId } = await t.db.insertInto('course').values({ code: 'IMP', title: '导入测试', category: 'member_education', source: 'browser' }).returning('id').executeTakeFirstOrThrow());
});
afterAll(() => t.close());

describe('question import', () => {
	it('imports the template as it comes, and refuses it the second time as duplicates', async () => {
		const bytes = await importTemplate();
		const checked = await checkImport(t.db, courseId, '模板.xlsx', bytes);
		expect(checked.ok).toBe(true);
		if (!checked.ok) return;
		expect(checked.questions.map((q) => [q.type, q.answer])).toEqual([
			['single', 1],
			['fill_blank', ['民主集中制']]
		]);
		expect(await applyImport(t.db, actorId, courseId, '模板.xlsx', checked.questions)).toBe(2);
		const again = await checkImport(t.db, courseId, '模板.xlsx', bytes);
		expect(again).toMatchObject({ ok: false, errors: [{ rowNumber: 2, messages: ['题库中已有相同题干的同类题目'] }, { rowNumber: 3 }] });
	});

	it('names every bad row and imports nothing', async () => {
		const file = [
			'题型,章节,难度,标签,题干,选项A,选项B,选项C,选项D,答案,解析',
			'多选,2,难,,以下正确的有（  ）,甲,乙,丙,,"A,C",',
			'单选,1,1,,只有一个空列（  ）,甲,,丙,,A,',
			'判断,1,,,这是判断题,,,,,对,',
			'判断,1,,,答案不对,,,,,也许,',
			'问答,1,,,什么题型,,,,,x,',
			'单选,1,1,,答案超出（  ）,甲,乙,,,D,',
			'多选,2,难,,以下正确的有（  ）,甲,乙,丙,,"A,B",',
			'填空,九,5,,____,,,,,,'
		].join('\n');
		const before = await t.db.selectFrom('question').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		const r = await checkImport(t.db, courseId, 'q.csv', csv(file));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.message).toBe('共 8 道题，其中 6 行有误，未导入任何题目。请修改后重新上传。');
		expect(Object.fromEntries(r.errors.map((e) => [e.rowNumber, e.messages.join('；')]))).toEqual({
			3: '选项B是空的',
			5: '答案“也许”应为“正确”或“错误”',
			6: '题型“问答”无法识别，应为单选、多选、判断或填空',
			7: '答案“D”超出了已填写的选项',
			8: '与第 2 行重复',
			9: '章节“九”应为数字；难度“5”应为 1、2、3 或 易、中、难'
		});
		const after = await t.db.selectFrom('question').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
	});

	it('reads a GBK CSV saved by Excel, and refuses other files', async () => {
		const gbk = Buffer.from('cce2d0cd2ccce2b8c92cb4f0b0b80ac5d0b6cf2cb5b3b5c4d7dad6bccac7cab5cfd6b9b2b2fad6f7d2e52cd5fdc8b70a', 'hex');
		const r = await checkImport(t.db, courseId, 'gbk.csv', gbk);
		expect(r).toMatchObject({ ok: true, questions: [{ type: 'true_false', answer: true, stem: '党的宗旨是实现共产主义' }] });
		expect(await checkImport(t.db, courseId, 'q.xls', csv('x'))).toMatchObject({ ok: false, message: expect.stringContaining('.xlsx') });
		expect(await checkImport(t.db, courseId, 'q.csv', csv('名称,内容\n1,2'))).toMatchObject({ ok: false, message: '第 1 行（表头）缺少列：题型、题干、答案。请使用导入模板。' });
	});
});
