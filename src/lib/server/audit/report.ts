import { access } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { CheckpointConfig } from './checkpoint-config';
import { checkpointKey } from './checkpoint-key';
import { readCheckpoints, type Checkpoint } from './checkpoint';
import { verifyAuditChain, type ChainHead, type ChainProblem } from './log';

// The anchors handed to the walk are the file's checkpoints, so each carries its time.
const when = (a: ChainHead) => ('at' in a ? `检查点（${(a as Checkpoint).at}）` : '检查点');

function describe(problem: ChainProblem, checked: number) {
	switch (problem.reason) {
		case 'hash':
			return `审计日志在第 ${problem.brokenAt} 条处被改动（此前 ${checked} 条完好）`;
		case 'rewritten':
			return `审计日志被改写：${when(problem.anchor)}所记第 ${problem.anchor.lastId} 条的哈希与现在不同，此前的条目被改动后重算了哈希`;
		case 'count':
			return `审计日志有条目被删除：${when(problem.anchor)}时到第 ${problem.anchor.lastId} 条共 ${problem.anchor.count} 条，现在 ${problem.found} 条`;
		case 'missing':
			return `审计日志有条目被删除：${when(problem.anchor)}所记的第 ${problem.anchor.lastId} 条已不存在`;
		case 'truncated':
			return `审计日志末尾的条目被删除：${when(problem.anchor)}时有 ${problem.anchor.count} 条，现在只有 ${problem.found} 条`;
		case 'emptied':
			return `审计日志已被清空：${when(problem.anchor)}时有 ${problem.anchor.count} 条，现在 0 条`;
	}
}

const exists = (file: string) => access(file).then(() => true, () => false);

/**
 * What `npm run audit:verify` prints: the chain walked against every checkpoint whose
 * signature holds, and every line of the checkpoint file whose signature does not.
 */
export async function auditReport(db: Kysely<Database>, config: CheckpointConfig): Promise<{ ok: boolean; lines: string[] }> {
	const lines: string[] = [];
	let ok = true;
	let checkpoints: Checkpoint[] = [];
	let key: Buffer | undefined;
	try {
		key = await checkpointKey(config, { create: false });
	} catch (e) {
		if (await exists(config.file)) {
			ok = false;
			lines.push(`无法校验检查点文件 ${config.file}：${(e as Error).message}`);
		}
	}
	if (key) {
		const read = await readCheckpoints(config.file, key);
		checkpoints = read.checkpoints;
		for (const b of read.bad) lines.push(`检查点文件 ${config.file} 第 ${b.line} 行${b.reason}`);
		if (read.bad.length) ok = false;
	}
	if (!checkpoints.length && ok) {
		lines.push(`没有可用的检查点（${config.file}）：只校验了链本身，发现不了末尾条目被删、全部被删或整条链被重算`);
	}
	const result = await verifyAuditChain(db, checkpoints);
	if (result.ok) {
		const latest = checkpoints.at(-1);
		lines.unshift(
			`审计日志完整：已校验 ${result.checked} 条` +
				(latest ? `，与 ${checkpoints.length} 个检查点相符（最近的在 ${latest.at}，当时 ${latest.count} 条）` : '')
		);
	} else {
		ok = false;
		lines.unshift(describe(result, result.checked));
	}
	return { ok, lines };
}
