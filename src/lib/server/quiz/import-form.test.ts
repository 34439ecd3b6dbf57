import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildSchool } from '../../../test-support/cohorts';
import { keyedForm, postThrice } from '../../../test-support/once';
import { importQuestionsOnce } from './import-form';

// A question file posted as a double click and a retry of one rendered form: its questions
// once, and every post is sent back to the bank with the first import's count.

let t: OpenDatabase;
let courseId: number;
let actorId: number;

beforeAll(async () => {
	t = await testDatabase();
	actorId = (await buildSchool(t.db)).users.instructor.id;
	({ id: courseId } = await t.db.insertInto('course').values({ code: 'IMPF', title: '导入测试', category: 'member_education', source: 'browser' }).returning('id').executeTakeFirstOrThrow());
});
afterAll(() => t.close());

describe('批量导入题目, once per rendered form', () => {
	it('imports the file once; every post is answered with that import', async () => {
		const csv = ['题型,章节,难度,标签,题干,选项A,选项B,选项C,选项D,答案,解析', '单选,1,1,,党的根本宗旨是（  ）,甲,乙,丙,,B,', '判断,1,,,这是判断题,,,,,对,'].join('\n');
		const file = new File([csv], '题目.csv');
		const form = keyedForm({ file });
		const answers = await postThrice(() => importQuestionsOnce(t.db, actorId, courseId, form, file));
		expect(await t.db.selectFrom('question').select('id').where('courseId', '=', courseId).execute()).toHaveLength(2);
		expect(answers).toEqual(Array(3).fill({ redirect: `/bank/${courseId}?imported=2` }));
		expect(await t.db.selectFrom('auditLog').select('id').where('action', '=', 'question.import').execute()).toHaveLength(1);
	});
});
