import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../../../../test-support/load';
import { todayInShanghai } from '$lib/server/development/engine/dates';
import { seededTestDatabase, personWithHistory, type SeededTest } from '../../../../../test-support/development-db';
import { actions } from './+page.server';

// The person page's forms refuse what their buttons and selects could not have sent, in Chinese,
// before anything is written: ids beyond PostgreSQL's integer, a supporter role that is neither.

const today = todayInShanghai(new Date());
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

const post = (action: keyof typeof actions, id: number, fields: Record<string, string>) =>
	runAction(actions[action], { db: t.db, user: s.users.organizer, path: `/development/people/${id}?/${action}`, params: { id: String(id) }, fields });
const count = async (table: 'developmentEntry' | 'developmentSupporter', id: number) => (await t.db.selectFrom(table).select('id').where('personId', '=', id).execute()).length;

describe('the person page’s forms', () => {
	it('refuses a supporter role it does not know instead of reading it as 培养联系人', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'activist', since: today, today });
		const before = await count('developmentSupporter', p.id);
		expect(await post('supporter', p.id, { role: 'boss', username: s.users.secretary.username, assignedOn: today })).toMatchObject({
			status: 400,
			data: { action: 'supporter', errors: ['请选择培养联系人或入党介绍人'] }
		});
		expect(await count('developmentSupporter', p.id)).toBe(before);
	});

	it('refuses entry and record ids that are not ids', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'activist', since: today, today });
		const before = await count('developmentEntry', p.id);
		expect(await post('void', p.id, { entryId: '99999999999999999999', reason: '录错了' })).toMatchObject({ status: 400, data: { action: 'void', errors: ['记录无效'] } });
		expect(await post('confirmTraining', p.id, { entryId: 'abc' })).toMatchObject({ status: 400, data: { errors: ['记录无效'] } });
		expect(await post('endSupporter', p.id, { id: '', endedOn: today })).toMatchObject({ status: 400, data: { errors: ['联系人记录无效'] } });
		expect(await post('revokeExemption', p.id, {})).toMatchObject({ status: 400, data: { errors: ['缺少豁免记录'] } });
		expect(await post('transition', p.id, { transition: 'apply' })).toMatchObject({ status: 400, data: { errors: ['请选择要办理的事项'] } });
		expect(await count('developmentEntry', p.id)).toBe(before);
	});
});
