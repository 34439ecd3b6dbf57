import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../development/engine/dates';
import { performTransition } from '../development/transitions/perform';
import { recordEntry } from '../development/records/entries';
import { personWithHistory, seededTestDatabase, type SeededTest } from '../../../test-support/development-db';

// 入党日期 and 转正日期 in the registry follow the development record: the transition that admits
// or confirms a person writes them with its stage, so 党龄 needs no second entry.

const now = new Date('2026-11-20T04:00:00Z');
const today = '2026-11-20';
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

const datesOf = (id: number) => t.db.selectFrom('person').select(['joinedOn', 'confirmedOn']).where('id', '=', id).executeTakeFirstOrThrow();

describe('the party dates of the registry', () => {
	it('takes 入党日期 from the admitting branch meeting when the admission is approved', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'candidate', since: addDays(today, -130), today });
		const meeting = (await t.db.selectFrom('developmentEntry').select('occurredOn').where('personId', '=', p.id).where('kind', '=', 'branch_meeting').executeTakeFirstOrThrow()).occurredOn;
		expect(await performTransition(t.db, s.users.organizer, p.id, { transition: 'to_probationary', on: today }, { now })).toMatchObject({ ok: true });
		expect(await datesOf(p.id)).toEqual({ joinedOn: meeting, confirmedOn: null });
	});

	it('takes 转正日期 from the end of probation when the confirmation is approved', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'probationary', since: addDays(today, -380), today });
		const details = { purpose: 'confirmation', present: 4, votesFor: 4, votesAgainst: 0, abstentions: 0 };
		expect(await recordEntry(t.db, s.users.secretary, p.id, { kind: 'branch_meeting', occurredOn: addDays(today, -5), details }, { now })).toMatchObject({ ok: true });
		expect(await performTransition(t.db, s.users.organizer, p.id, { transition: 'to_member', on: today }, { now })).toMatchObject({ ok: true });
		expect((await datesOf(p.id)).confirmedOn).toBe(addDays(today, -15));
	});
});
