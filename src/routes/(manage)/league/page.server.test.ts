import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../../test-support/load';
import { keyedForm } from '../../../test-support/once';
import { todayInShanghai } from '$lib/server/development/engine/dates';
import { seededTestDatabase, personWithHistory, type SeededTest } from '../../../test-support/development-db';
import { actions } from './+page.server';

// 推优 from the league page: a kind the select does not offer is refused in Chinese (it used to be
// recorded as 团组织推优), and a person id that is not one is no one.

const today = todayInShanghai(new Date());
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

const post = (fields: Record<string, string>) =>
	runAction(actions.default, { db: t.db, user: s.users.league, path: '/league', fields: Object.fromEntries(keyedForm(fields)) as Record<string, string> });
const nominations = async (id: number) => (await t.db.selectFrom('developmentEntry').select('id').where('personId', '=', id).where('kind', '=', 'nomination').execute()).length;

describe('the league page’s 推优 form', () => {
	it('refuses an unknown kind and an id that is not one, and records nothing', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'applicant', since: today, today });
		expect(await post({ personId: String(p.id), kind: 'league_blessing', on: today })).toMatchObject({ status: 400, data: { personId: p.id, errors: ['请选择推优方式'] } });
		expect(await post({ personId: '99999999999999999999', kind: 'league_recommendation', on: today })).toMatchObject({ status: 404, data: { personId: 0, errors: ['未找到该人员'] } });
		expect(await nominations(p.id)).toBe(0);
	});
});
