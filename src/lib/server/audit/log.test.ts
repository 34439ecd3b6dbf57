import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { appendAudit, verifyAuditChain } from './log';

let t: OpenDatabase;
beforeAll(async () => {
	t = await testDatabase();
});
afterAll(() => t.close());

describe('audit log', () => {
	it('chains entries and detects a later edit', async () => {
		for (let i = 0; i < 3; i++) {
			await t.db.transaction().execute((trx) =>
				appendAudit(trx, { actorId: null, action: 'test.write', entityType: 'thing', entityId: i, before: { b: i, a: 'x' }, after: { n: i } })
			);
		}
		expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 3 });
		// An attacker who owns the table can switch off the append-only trigger.
		await sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(t.db);
		await sql`update audit_log set after = '{"n": 99}' where entity_id = '1'`.execute(t.db);
		await sql`alter table audit_log enable trigger audit_log_no_update_delete`.execute(t.db);
		const result = await verifyAuditChain(t.db);
		expect(result.ok).toBe(false);
		expect(result).toMatchObject({ brokenAt: expect.any(Number), checked: 1 });
	});

	it('is written in the caller transaction: a rollback leaves no entry', async () => {
		const before = await t.db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		await expect(
			t.db.transaction().execute(async (trx) => {
				await appendAudit(trx, { actorId: null, action: 'test.rollback', entityType: 'thing', entityId: null });
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		const after = await t.db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
	});
});
