import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { appendAudit, entryHash, verifyAuditChain } from './log';
import { checkpointConfig, type CheckpointConfig } from './checkpoint-config';
import { writeCheckpoint } from './checkpoint';
import { auditReport } from './report';

const MINUTE = 60_000;
let t: OpenDatabase;
let dir: string;
let config: CheckpointConfig;

beforeAll(async () => {
	t = await testDatabase();
});
afterAll(() => t.close());

// Each test starts from an empty log and no checkpoint file; only the table's owner may empty it.
beforeEach(async () => {
	await asOwner(() => sql`truncate audit_log restart identity`.execute(t.db));
	dir = await mkdtemp(join(tmpdir(), 'dx-audit-cp-'));
	config = checkpointConfig({ AUDIT_CHECKPOINT_FILE: join(dir, 'checkpoints.jsonl'), AUDIT_CHECKPOINT_KEY_FILE: join(dir, 'checkpoint.key') });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function append(n: number, action = 'test.write') {
	for (let i = 0; i < n; i++) {
		await t.db.transaction().execute((trx) => appendAudit(trx, { actorId: null, action, entityType: 'thing', entityId: i, after: { i } }));
	}
}

/** The attacker owns the table (or is superuser): the append-only triggers are switched off. */
async function asOwner(attack: () => Promise<unknown>) {
	await sql`alter table audit_log disable trigger user`.execute(t.db);
	await attack();
	await sql`alter table audit_log enable trigger user`.execute(t.db);
}

const lastIds = async (n: number) =>
	(await t.db.selectFrom('auditLog').select('id').orderBy('id', 'desc').limit(n).execute()).map((r) => r.id);

describe('audit checkpoints', () => {
	it('anchor the chain: a fresh checkpoint verifies, and is written to the file and the log', async () => {
		await append(5);
		const outcome = await writeCheckpoint(t.db, config);
		expect(outcome).toMatchObject({ status: 'written', checkpoint: { v: 1, count: 5, lastId: expect.any(Number), lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
		const lines = (await readFile(config.file, 'utf8')).trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(JSON.parse(lines[0])).toEqual(outcome.status === 'written' && outcome.checkpoint);
		expect(await auditReport(t.db, config)).toEqual({ ok: true, lines: [expect.stringMatching(/已校验 5 条，与 1 个检查点相符/)] });
	});

	it('show entries deleted from the end, which the chain alone cannot', async () => {
		await append(5);
		await writeCheckpoint(t.db, config);
		await asOwner(async () => sql`delete from audit_log where id in (${sql.join(await lastIds(2))})`.execute(t.db));

		expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 3 });
		const report = await auditReport(t.db, config);
		expect(report.ok).toBe(false);
		expect(report.lines[0]).toMatch(/末尾的条目被删除.*时有 5 条，现在只有 3 条/);
	});

	it('show that every entry was deleted', async () => {
		await append(4);
		await writeCheckpoint(t.db, config);
		await asOwner(() => sql`truncate audit_log`.execute(t.db));

		expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 0 });
		expect(await auditReport(t.db, config)).toEqual({ ok: false, lines: [expect.stringMatching(/已被清空.*时有 4 条，现在 0 条/)] });
	});

	it('show the last entries deleted even after the site has written new ones', async () => {
		await append(5);
		await writeCheckpoint(t.db, config);
		await asOwner(async () => sql`delete from audit_log where id in (${sql.join(await lastIds(2))})`.execute(t.db));
		await append(4, 'test.after');

		expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 7 });
		const report = await auditReport(t.db, config);
		expect(report.ok).toBe(false);
		expect(report.lines[0]).toMatch(/有条目被删除.*所记的第 \d+ 条已不存在/);
	});

	it('show an edited entry whose hashes were recomputed after it', async () => {
		await append(5);
		await writeCheckpoint(t.db, config);
		await asOwner(async () => {
			const rows = await t.db.selectFrom('auditLog').selectAll().orderBy('id').execute();
			let prevHash = rows[1].prevHash;
			for (const [i, row] of rows.entries()) {
				if (i < 1) continue;
				const after = i === 1 ? { i: 'forged' } : row.after;
				const hash = entryHash(prevHash, row.at.toISOString(), { ...row, after });
				await t.db.updateTable('auditLog').set({ after: after as never, prevHash, hash }).where('id', '=', row.id).execute();
				prevHash = hash;
			}
		});

		expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 5 });
		const report = await auditReport(t.db, config);
		expect(report.ok).toBe(false);
		expect(report.lines[0]).toMatch(/被改写.*哈希与现在不同/);
	});

	it('report a forged checkpoint line', async () => {
		await append(3);
		const outcome = await writeCheckpoint(t.db, config);
		if (outcome.status !== 'written') throw new Error(outcome.status);
		// Someone without the key "confirms" a shorter log.
		const forged = { ...outcome.checkpoint, count: 2, at: new Date(Date.now() + MINUTE).toISOString() };
		await appendFile(config.file, `${JSON.stringify(forged)}\nnot json\n`);

		const report = await auditReport(t.db, config);
		expect(report.ok).toBe(false);
		expect(report.lines).toEqual([
			expect.stringMatching(/审计日志完整：已校验 3 条/),
			expect.stringMatching(/第 2 行签名不符/),
			expect.stringMatching(/第 3 行不是 JSON/)
		]);
	});

	it('are not written over a chain that no longer extends the last one', async () => {
		await append(5);
		await writeCheckpoint(t.db, config);
		await asOwner(async () => sql`delete from audit_log where id in (${sql.join(await lastIds(2))})`.execute(t.db));
		const before = await readFile(config.file, 'utf8');

		expect(await writeCheckpoint(t.db, config, { force: true })).toMatchObject({ status: 'refused', reason: expect.stringMatching(/不符/) });
		expect(await readFile(config.file, 'utf8')).toBe(before);
	});

	it('are written once per interval and only when the chain has grown', async () => {
		const t0 = new Date();
		await append(2);
		expect((await writeCheckpoint(t.db, config, { now: t0 })).status).toBe('written');
		await append(1);
		expect((await writeCheckpoint(t.db, config, { now: new Date(t0.getTime() + MINUTE) })).status).toBe('not_due');
		const later = new Date(t0.getTime() + config.intervalMinutes * MINUTE);
		expect(await writeCheckpoint(t.db, config, { now: later })).toMatchObject({ status: 'written', checkpoint: { count: 3 } });
		const evenLater = new Date(later.getTime() + config.intervalMinutes * MINUTE);
		expect((await writeCheckpoint(t.db, config, { now: evenLater })).status).toBe('unchanged');
		expect((await readFile(config.file, 'utf8')).trim().split('\n')).toHaveLength(2);
	});

	it('generate their key once, readable by the owner only, and refuse to verify without it', async () => {
		await append(1);
		await writeCheckpoint(t.db, config);
		const key = await readFile(config.keyFile, 'utf8');
		expect(key.trim()).toMatch(/^[0-9a-f]{64}$/);
		expect((await stat(config.keyFile)).mode & 0o777).toBe(0o600);
		await writeCheckpoint(t.db, config, { force: true });
		expect(await readFile(config.keyFile, 'utf8')).toBe(key);
		expect((await auditReport(t.db, config)).ok).toBe(true);

		await rm(config.keyFile);
		const report = await auditReport(t.db, config);
		expect(report.ok).toBe(false);
		expect(report.lines).toContainEqual(expect.stringMatching(/无法校验检查点文件.*找不到审计检查点密钥/));
	});

	it('use AUDIT_CHECKPOINT_KEY when set: a checkpoint signed with another key is forged', async () => {
		await append(1);
		const withKey = (k: string) => checkpointConfig({ AUDIT_CHECKPOINT_FILE: config.file, AUDIT_CHECKPOINT_KEY: k });
		await writeCheckpoint(t.db, withKey('a'.repeat(40)));
		expect((await auditReport(t.db, withKey('a'.repeat(40)))).ok).toBe(true);
		expect((await auditReport(t.db, withKey('b'.repeat(40)))).lines).toContainEqual(expect.stringMatching(/第 1 行签名不符/));
		expect(() => checkpointConfig({ AUDIT_CHECKPOINT_KEY: 'short' })).toThrow(/至少 32/);
		await expect(stat(config.keyFile)).rejects.toThrow();
	});
});
