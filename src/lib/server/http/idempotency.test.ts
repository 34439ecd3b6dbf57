import { fail, isActionFailure, isRedirect, redirect } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { verifyAuditChain } from '../audit/log';
import { insertOrgUnit } from '../org/units';
import { createOrgUnit } from '../org/service';
import { newIdempotencyKey } from '$lib/forms/idempotency-key';
import { forgetOldKeys, once } from './idempotency';

// A form posted many times with one key (double click, retry, twenty tabs) writes and audits
// once; every post gets the first one's answer. A refusal keeps nothing, so the corrected form
// can be sent again with the same key.

let t: OpenDatabase;
let schoolId: number;
let actorId: number;

beforeAll(async () => {
	t = await testDatabase();
	schoolId = (await insertOrgUnit(t.db, { parentId: null, kind: 'committee', name: '示范大学党委', code: 'I-SCHOOL' })).id;
	actorId = (await t.db.insertInto('person').values({ username: 'i-admin', name: '管理员', gender: 'male', orgUnitId: schoolId, politicalStatus: 'member' }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const formWith = (key: string | null) => {
	const f = new FormData();
	if (key) f.set('idempotencyKey', key);
	return f;
};
const unitsCoded = async (code: string) => (await t.db.selectFrom('orgUnit').select('id').where('code', '=', code).execute()).length;
const audits = async (action: string) => (await t.db.selectFrom('auditLog').select('id').where('action', '=', action).execute()).length;

/** What the org units page's create action does, in the transaction `once` gives it. */
const createUnit = (code: string, name = '新支部') => (trx: Parameters<Parameters<typeof once>[3]>[0]) =>
	createOrgUnit(trx, actorId, schoolId, { name, code, kind: 'branch', hasBranchCommittee: false }).then((r) =>
		r.ok ? { action: 'create', ok: `已新建“${name}”`, id: r.id } : fail(400, { action: 'create', errors: r.errors })
	);

describe('once', () => {
	it('20 concurrent posts of one form make one row and one audit entry, and all get the same answer', async () => {
		const key = newIdempotencyKey();
		const auditsBefore = await audits('org.create');
		const answers = await Promise.all(Array.from({ length: 20 }, () => once(t.db, formWith(key), { personId: actorId, action: 'org.create' }, createUnit('I-A'))));
		expect(await unitsCoded('I-A')).toBe(1);
		expect(await audits('org.create')).toBe(auditsBefore + 1);
		expect(answers.every((a) => !isActionFailure(a))).toBe(true);
		for (const a of answers) expect(a).toEqual(answers[0]);
		expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
	});

	it('a refusal frees the key: the corrected post with the same key then writes', async () => {
		const key = newIdempotencyKey();
		await insertOrgUnit(t.db, { parentId: schoolId, kind: 'branch', name: '已有支部', code: 'I-TAKEN' });
		const refused = await once(t.db, formWith(key), { personId: actorId, action: 'org.create' }, createUnit('I-TAKEN'));
		expect(isActionFailure(refused)).toBe(true);
		const done = await once(t.db, formWith(key), { personId: actorId, action: 'org.create' }, createUnit('I-B'));
		expect(done).toMatchObject({ ok: '已新建“新支部”' });
		expect(await unitsCoded('I-B')).toBe(1);
	});

	it('a new key is a new form: the same values are written again (the table’s own key decides)', async () => {
		const a = await once(t.db, formWith(newIdempotencyKey()), { personId: actorId, action: 'org.create' }, createUnit('I-C', '甲'));
		const b = await once(t.db, formWith(newIdempotencyKey()), { personId: actorId, action: 'org.create' }, createUnit('I-D', '甲'));
		expect([a, b]).toMatchObject([{ ok: '已新建“甲”' }, { ok: '已新建“甲”' }]);
	});

	it('replays a redirect as the same redirect, without running the work again', async () => {
		const key = newIdempotencyKey();
		let runs = 0;
		const work = async () => {
			runs++;
			redirect(303, '/cohorts/42');
		};
		const outcomes = await Promise.all([1, 2, 3].map(() => once(t.db, formWith(key), { personId: actorId, action: 'cohort.create' }, work).catch((e) => e)));
		expect(outcomes.every((e) => isRedirect(e) && e.location === '/cohorts/42' && e.status === 303)).toBe(true);
		expect(runs).toBe(1);
	});

	it('keys are per person and action, and are forgotten after a day', async () => {
		const key = newIdempotencyKey();
		const other = (await t.db.insertInto('person').values({ username: 'i-other', name: '另一人', gender: 'male', orgUnitId: schoolId, politicalStatus: 'member' }).returning('id').executeTakeFirstOrThrow()).id;
		let runs = 0;
		const work = async () => ({ n: ++runs });
		expect(await once(t.db, formWith(key), { personId: actorId, action: 'x' }, work)).toEqual({ n: 1 });
		expect(await once(t.db, formWith(key), { personId: other, action: 'x' }, work)).toEqual({ n: 2 });
		expect(await once(t.db, formWith(key), { personId: actorId, action: 'y' }, work)).toEqual({ n: 3 });
		expect(await once(t.db, formWith(key), { personId: actorId, action: 'x' }, work)).toEqual({ n: 1 });
		await forgetOldKeys(t.db, new Date(Date.now() + 25 * 3600_000));
		expect(await once(t.db, formWith(key), { personId: actorId, action: 'x' }, work)).toEqual({ n: 4 });
	});

	it('without a key the work runs unguarded (old pages, scripts)', async () => {
		let runs = 0;
		const work = async () => ({ n: ++runs });
		await once(t.db, formWith(null), { personId: actorId, action: 'x' }, work);
		await once(t.db, formWith('not-a-key'), { personId: actorId, action: 'x' }, work);
		expect(runs).toBe(2);
	});
});
