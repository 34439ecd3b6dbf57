import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../../../../test-support/load';
import { addDays, todayInShanghai } from '$lib/server/development/engine/dates';
import { recordEntry } from '$lib/server/development/records/entries';
import { seededTestDatabase, personWithHistory, type SeededTest } from '../../../../../test-support/development-db';
import { actions } from './+page.server';

// The transition form's 「提前讨论的事由」 (第三十二条第三款) reaches the engine: an early extension
// goes through with 违犯党纪 and what happened, and a half-filled ground is refused in Chinese.

const now = new Date();
const today = todayInShanghai(now);
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

const post = (id: number, fields: Record<string, string>) =>
	runAction(actions.transition, { db: t.db, user: s.users.organizer, path: `/development/people/${id}?/transition`, params: { id: String(id) }, fields });
const extensions = async (id: number) => (await t.db.selectFrom('developmentEntry').select('id').where('personId', '=', id).where('kind', '=', 'probation_extension').execute()).length;

describe('the extension form on the person page', () => {
	it('refuses a half-filled ground, then extends early on 违犯党纪 with its description', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'probationary', since: addDays(today, -60), today });
		const meeting = { kind: 'branch_meeting', occurredOn: addDays(today, -5), details: { purpose: 'extension', months: 6, present: 4, votesFor: 4, votesAgainst: 0, abstentions: 0 } };
		expect(await recordEntry(t.db, s.users.secretary, p.id, meeting, { now })).toMatchObject({ ok: true });
		const form = { transition: 'extend_probation', on: today };
		expect(await post(p.id, { ...form, earlyGround: 'discipline', earlyDescription: '' })).toMatchObject({ status: 400, data: { action: 'transition', errors: ['请填写违犯党纪的具体情况'] } });
		expect(await post(p.id, { ...form, earlyGround: '', earlyDescription: '无故不参加组织生活' })).toMatchObject({ status: 400, data: { errors: ['填写了违犯党纪的具体情况，请同时选择事由「违犯党纪」'] } });
		const without = await post(p.id, form);
		expect(without).toMatchObject({ status: 400, data: { errors: [expect.stringContaining('只限违犯党纪的情形')] } });
		expect(await extensions(p.id)).toBe(0);
		expect(await post(p.id, { ...form, earlyGround: 'discipline', earlyDescription: '无故连续三个月不参加党的组织生活' })).toMatchObject({ action: 'transition', ok: '已办理：审批延长预备期' });
		expect(await extensions(p.id)).toBe(1);
	});
});
