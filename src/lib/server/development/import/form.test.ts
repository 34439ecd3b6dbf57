import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyedForm, postThrice } from '../../../../test-support/once';
import { keyedXlsx } from '../../../../test-support/spreadsheet';
import { seededTestDatabase, insertPerson, type SeededTest } from '../../../../test-support/development-db';
import { importColumns } from './columns';
import { importDevelopmentOnce } from './form';

// A development record file posted as a double click and a retry of one rendered form: its
// records once, and every post gets the first import's summary (the second copy used to find
// the first one's entries and be refused as a conflict).

let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

const workbook = (rows: Record<string, string>[]) => keyedXlsx(importColumns, rows);

describe('发展纪实导入, once per rendered form', () => {
	it('imports the records once and answers every post with that import', async () => {
		const a = await insertPerson(t.db, { orgUnitId: s.csBranch.id });
		const file = new File([await workbook([{ username: a.username, stage: '入党积极分子', appliedOn: '2026-01-05', talkOn: '2026-01-20', activistOn: '2026-09-10' }])], '纪实.xlsx');
		const form = keyedForm({ file });
		const answers = await postThrice(() => importDevelopmentOnce(t.db, { id: s.users.admin.id, paths: [s.cs.path] }, form, file));
		expect(await t.db.selectFrom('developmentRecord').select('personId').where('personId', '=', a.id).execute()).toHaveLength(1);
		expect(answers[0]).toMatchObject({ summary: { people: 1 }, fileName: '纪实.xlsx' });
		expect(answers).toEqual(Array(3).fill(answers[0]));
		const entries = await t.db.selectFrom('developmentEntry').select('kind').where('personId', '=', a.id).execute();
		expect(entries.length).toBe((answers[0] as { summary: { entries: number } }).summary.entries);
	});
});
