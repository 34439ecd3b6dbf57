import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../engine/dates';
import { performTransition } from './perform';
import { seededTestDatabase, personWithHistory, type SeededTest } from '../../../../test-support/development-db';

// Approval more than 3 months after the branch meeting is 「特殊情况」: it once passed with a
// warning whose 「须说明理由」 nobody was ever asked for.

const now = new Date('2026-11-20T04:00:00Z');
const today = '2026-11-20';
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

/** A candidate admitted by the branch meeting 120 days ago (2026-07-23), everything else in order. */
const waiting = () => personWithHistory(t.db, s, s.csBranch.id, { stage: 'candidate', since: addDays(today, -230), today });

describe('approval 3–6 months after the branch meeting', () => {
	it('is refused without the special reason and the committee decision, and approved with them', async () => {
		const p = await waiting();
		const bare = await performTransition(t.db, s.users.organizer, p.id, { transition: 'to_probationary', on: today }, { now });
		expect(bare.ok).toBe(false);
		if (bare.ok) return;
		expect(bare.reasons).toEqual([
			'『三个月内审批』审批（2026-11-20）超过3个月期限（2026-10-23），须登记特殊情况的理由和党委同意延长审批期限的决定；尚缺：特殊理由、党委延长审批期限的决定（《细则》第四章、第五章）'
		]);
		const reasonOnly = await performTransition(t.db, s.users.organizer, p.id, { transition: 'to_probationary', on: today, late: { reason: '党委换届', decidedOn: null, decision: '' } }, { now });
		expect(reasonOnly.ok ? [] : reasonOnly.reasons.join()).toContain('尚缺：党委延长审批期限的决定');

		const late = { reason: '党委换届，审批会议推迟', decidedOn: '2026-10-20', decision: '党委会议纪要〔2026〕9号' };
		const done = await performTransition(t.db, s.users.organizer, p.id, { transition: 'to_probationary', on: today, late }, { now });
		expect(done).toMatchObject({ ok: true, stage: 'probationary' });
		const approval = await t.db.selectFrom('developmentEntry').select('details').where('personId', '=', p.id).where('kind', '=', 'approval').executeTakeFirstOrThrow();
		expect(approval.details).toMatchObject({ purpose: 'admission', late });
		const change = await t.db.selectFrom('developmentEntry').select('details').where('personId', '=', p.id).where('kind', '=', 'stage_change').executeTakeFirstOrThrow();
		expect((change.details as { warnings: string[] }).warnings).toContain(
			'『三个月内审批』审批（2026-11-20）超过3个月期限（2026-10-23），属特殊情况：党委换届，审批会议推迟；党委于 2026-10-20 决定延长审批期限（党委会议纪要〔2026〕9号），最长不超过6个月（2027-01-23）'
		);
	});
});
