import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildSchool } from '../../../test-support/cohorts';
import { grantRole, rolesOf, withdrawRole } from './roles';

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildSchool>>;
beforeAll(async () => {
	t = await testDatabase();
	s = await buildSchool(t.db);
});
afterAll(() => t.close());

const audits = async () => Number((await t.db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('grantRole', () => {
	it('refuses an organizer who makes themselves instructor of their college, and writes nothing', async () => {
		const before = await audits();
		const r = await grantRole(t.db, s.users.organizer, s.users.organizer.id, 'instructor', s.units.cs.id);
		expect(r).toMatchObject({ ok: false, status: 403 });
		expect((await rolesOf(t.db, s.users.organizer.id)).map((g) => g.role)).toEqual(['organizer']);
		expect(await audits()).toBe(before);
	});

	it('refuses a grant beyond the granter: an organizer cannot make anyone instructor or League, not even in their college', async () => {
		for (const role of ['instructor', 'league'] as const) {
			const r = await grantRole(t.db, s.users.organizer, s.learners.a1.id, role, s.units.cs.id);
			expect(r, role).toMatchObject({ ok: false, status: 403 });
		}
		expect(await rolesOf(t.db, s.learners.a1.id)).toEqual([]);
	});

	it('refuses even a school admin granting themselves a role', async () => {
		expect(await grantRole(t.db, s.users.admin, s.users.admin.id, 'organizer', s.units.cs.id)).toMatchObject({ ok: false, status: 403 });
	});

	it('lets an organizer appoint a secretary of a branch in their college (idempotently) and not elsewhere', async () => {
		expect(await grantRole(t.db, s.users.organizer, s.learners.a2.id, 'secretary', s.units.csUg1.id)).toEqual({ ok: true, changed: true });
		expect(await grantRole(t.db, s.users.organizer, s.learners.a2.id, 'secretary', s.units.csUg1.id)).toEqual({ ok: true, changed: false });
		expect(await grantRole(t.db, s.users.organizer, s.learners.m1.id, 'secretary', s.units.medUg1.id)).toMatchObject({ ok: false, status: 403 });
		// A secretary sits on a branch only.
		expect(await grantRole(t.db, s.users.organizer, s.learners.a3.id, 'secretary', s.units.cs.id)).toMatchObject({ ok: false, status: 400 });
	});

	it('lets a school admin appoint an instructor; only someone who could grant it revokes it', async () => {
		expect(await grantRole(t.db, s.users.admin, s.learners.pg1.id, 'instructor', s.units.cs.id)).toEqual({ ok: true, changed: true });
		const [grant] = await rolesOf(t.db, s.learners.pg1.id);
		expect(await withdrawRole(t.db, s.users.organizer, s.learners.pg1.id, grant.id)).toMatchObject({ ok: false, status: 403 });
		expect(await rolesOf(t.db, s.learners.pg1.id)).toHaveLength(1);
		expect(await withdrawRole(t.db, s.users.admin, s.learners.pg1.id, grant.id)).toEqual({ ok: true, changed: true });
		expect(await rolesOf(t.db, s.learners.pg1.id)).toEqual([]);
	});
});
