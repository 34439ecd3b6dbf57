import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { appendAudit, verifyAuditChain } from './log';
import * as migration from '../../../../migrations/20261202183818_audit_append_only';

let t: OpenDatabase;
beforeAll(async () => {
	t = await testDatabase();
	for (let i = 0; i < 3; i++) {
		await t.db.transaction().execute((trx) => appendAudit(trx, { actorId: null, action: 'test.write', entityType: 'thing', entityId: i }));
	}
});
afterAll(() => t.close());

const rows = () => t.db.selectFrom('auditLog').select(['id', 'action', 'hash']).orderBy('id').execute();

describe('audit_log is append-only in the database', () => {
	it('refuses UPDATE, DELETE and TRUNCATE from the app role, and nothing changes', async () => {
		const before = await rows();
		await expect(sql`update audit_log set action = 'test.forged'`.execute(t.db)).rejects.toThrow(/append-only/);
		await expect(sql`delete from audit_log where id = ${before[2].id}`.execute(t.db)).rejects.toThrow(/append-only/);
		await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
		expect(await rows()).toEqual(before);
		expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 3 });
	});

	it('still takes new entries', async () => {
		await t.db.transaction().execute((trx) => appendAudit(trx, { actorId: null, action: 'test.more', entityType: 'thing', entityId: 9 }));
		expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 4 });
	});

	it('has a down that lifts the triggers, and an up that puts them back', async () => {
		await migration.down(t.db);
		await sql`update audit_log set action = action`.execute(t.db);
		await migration.up(t.db);
		await expect(sql`update audit_log set action = action`.execute(t.db)).rejects.toThrow(/append-only/);
	});
});
