import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { canonicalJson } from './canonical-json';
import { checkpointConfig, type CheckpointConfig } from './checkpoint-config';
import { checkpointKey } from './checkpoint-key';
import { verifyAuditChain, type ChainHead } from './log';

/**
 * A signed statement of where the audit chain stood. Kept outside the database, it shows
 * what the chain alone cannot: entries removed from the end, all entries removed, or the
 * chain recomputed after an edit.
 */
export interface Checkpoint extends ChainHead {
	v: 1;
	at: string;
	hmac: string;
}

const hmacOf = (c: Omit<Checkpoint, 'hmac'>, key: Buffer) =>
	createHmac('sha256', key)
		.update(canonicalJson({ v: c.v, count: c.count, lastId: c.lastId, lastHash: c.lastHash, at: c.at }))
		.digest('hex');

export function signCheckpoint(head: ChainHead, key: Buffer, at = new Date()): Checkpoint {
	const body = { v: 1 as const, count: head.count, lastId: head.lastId, lastHash: head.lastHash, at: at.toISOString() };
	return { ...body, hmac: hmacOf(body, key) };
}

const isCheckpoint = (x: unknown): x is Checkpoint => {
	const c = x as Checkpoint;
	return (
		typeof c === 'object' && c !== null && c.v === 1 &&
		Number.isSafeInteger(c.count) && c.count >= 0 &&
		(c.lastId === null || (Number.isSafeInteger(c.lastId) && c.lastId > 0)) &&
		(c.lastHash === null || typeof c.lastHash === 'string') &&
		typeof c.at === 'string' && !Number.isNaN(Date.parse(c.at)) &&
		typeof c.hmac === 'string' && /^[0-9a-f]{64}$/.test(c.hmac)
	);
};

/** One line of the checkpoint file: a checkpoint whose signature holds, or why not. */
export function parseCheckpoint(line: string, key: Buffer): { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string } {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		return { ok: false, reason: '不是 JSON' };
	}
	if (!isCheckpoint(value)) return { ok: false, reason: '字段不全或格式不对' };
	const expected = Buffer.from(hmacOf(value, key), 'hex');
	if (!timingSafeEqual(expected, Buffer.from(value.hmac, 'hex'))) return { ok: false, reason: '签名不符（被伪造或改动，或密钥不对）' };
	return { ok: true, checkpoint: value };
}

/** Every line of the file; `missing` when there is no file yet. */
export async function readCheckpoints(file: string, key: Buffer) {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true, checkpoints: [], bad: [] };
		throw e;
	}
	const checkpoints: Checkpoint[] = [];
	const bad: { line: number; reason: string }[] = [];
	text.split('\n').forEach((line, i) => {
		if (!line.trim()) return;
		const parsed = parseCheckpoint(line, key);
		if (parsed.ok) checkpoints.push(parsed.checkpoint);
		else bad.push({ line: i + 1, reason: parsed.reason });
	});
	return { missing: false, checkpoints, bad };
}

/** The file's last line, read from its end: the file grows for as long as the site runs. */
async function lastLine(file: string): Promise<string | undefined> {
	let handle;
	try {
		handle = await open(file, 'r');
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw e;
	}
	try {
		const { size } = await handle.stat();
		const length = Math.min(size, 16 * 1024);
		const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
		return buffer.toString('utf8').split('\n').filter((l) => l.trim()).at(-1);
	} finally {
		await handle.close();
	}
}

/** Count, last id and last hash in one statement, so they describe one moment. */
export async function chainHead(db: Kysely<Database>): Promise<ChainHead> {
	const { rows } = await sql<{ count: number; lastId: number | null; lastHash: string | null }>`
		select (select count(*) from audit_log) as count, l.id as last_id, l.hash as last_hash
		from (select 1) as one
		left join lateral (select id, hash from audit_log order by id desc limit 1) as l on true
	`.execute(db);
	return { count: Number(rows[0].count), lastId: rows[0].lastId === null ? null : Number(rows[0].lastId), lastHash: rows[0].lastHash };
}

export type CheckpointOutcome =
	| { status: 'written'; checkpoint: Checkpoint }
	| { status: 'not_due' | 'unchanged'; last: Checkpoint }
	| { status: 'refused'; reason: string };

/**
 * Appends a checkpoint of the chain as it stands, if the chain still extends the last one
 * in the file: a checkpoint must never paper over entries that went missing. Several
 * instances may append at once; an identical state is not written twice by one.
 * `force` (the command) writes even when the last one is recent or the chain unchanged.
 */
export async function writeCheckpoint(
	db: Kysely<Database>,
	config: CheckpointConfig,
	options: { force?: boolean; now?: Date } = {}
): Promise<CheckpointOutcome> {
	const now = options.now ?? new Date();
	const key = await checkpointKey(config, { create: true });
	const line = await lastLine(config.file);
	const parsed = line === undefined ? undefined : parseCheckpoint(line, key);
	if (parsed && !parsed.ok) return { status: 'refused', reason: `检查点文件的最后一行${parsed.reason}` };
	const last = parsed?.checkpoint;
	if (last && !options.force && now.getTime() - Date.parse(last.at) < config.intervalMinutes * 60_000) {
		return { status: 'not_due', last };
	}
	const head = await chainHead(db);
	if (last) {
		const problem = await extendsProblem(db, last);
		if (problem) return { status: 'refused', reason: problem };
		if (!options.force && head.count === last.count && head.lastId === last.lastId && head.lastHash === last.lastHash) {
			return { status: 'unchanged', last };
		}
	}
	const checkpoint = signCheckpoint(head, key, now);
	await mkdir(dirname(config.file), { recursive: true });
	await appendFile(config.file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
	console.log(`[audit] 审计检查点 ${JSON.stringify(checkpoint)}`);
	return { status: 'written', checkpoint };
}

/**
 * Why the chain no longer extends `last`: its last entry and the count up to it must be
 * unchanged, and the entries after it must chain on from its hash. Only those are walked.
 */
async function extendsProblem(db: Kysely<Database>, last: Checkpoint): Promise<string | undefined> {
	if (last.lastId === null) return undefined;
	const { rows } = await sql<{ upTo: number; hash: string | null }>`
		select count(*) filter (where id <= ${last.lastId}) as up_to, max(hash) filter (where id = ${last.lastId}) as hash
		from audit_log
	`.execute(db);
	const after = await verifyAuditChain(db, [], { count: last.count, lastId: last.lastId, lastHash: last.lastHash });
	if (Number(rows[0].upTo) === last.count && rows[0].hash === last.lastHash && after.ok) return undefined;
	return `审计日志与最近的检查点（${last.at}）不符，未写入新检查点：请运行 npm run audit:verify`;
}

/** The job loop's turn: a checkpoint when one is due, and a loud log line when refused. */
export async function checkpointJob(db: Kysely<Database>, config = checkpointConfig()) {
	const outcome = await writeCheckpoint(db, config);
	if (outcome.status === 'refused') console.error(`[audit] ${outcome.reason}`);
	return outcome;
}
