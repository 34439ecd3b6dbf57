import { resolve } from 'node:path';

/**
 * Where the audit checkpoints and their key live. Both belong to the operator and must be
 * kept apart from the database and its backups: whoever holds the database and the key
 * could forge checkpoints for a rewritten log.
 */
export interface CheckpointConfig {
	/** JSON lines, one signed checkpoint each (AUDIT_CHECKPOINT_FILE). */
	file: string;
	/** AUDIT_CHECKPOINT_KEY, when set; otherwise the key is read from (or created in) keyFile. */
	key?: string;
	keyFile: string;
	/** How often the server's job loop writes one (AUDIT_CHECKPOINT_MINUTES). */
	intervalMinutes: number;
}

export const MIN_KEY_LENGTH = 32;

export function checkpointConfig(env: NodeJS.ProcessEnv = process.env): CheckpointConfig {
	const minutes = env.AUDIT_CHECKPOINT_MINUTES?.trim() || '15';
	if (!/^[1-9]\d*$/.test(minutes)) throw new Error(`AUDIT_CHECKPOINT_MINUTES 应为正整数（分钟），现为 "${minutes}"`);
	const key = env.AUDIT_CHECKPOINT_KEY?.trim() || undefined;
	if (key && key.length < MIN_KEY_LENGTH) throw new Error(`AUDIT_CHECKPOINT_KEY 太短：至少 ${MIN_KEY_LENGTH} 个随机字符`);
	return {
		file: resolve(env.AUDIT_CHECKPOINT_FILE?.trim() || 'data/audit-checkpoints.jsonl'),
		key,
		keyFile: resolve(env.AUDIT_CHECKPOINT_KEY_FILE?.trim() || 'data/audit-checkpoint.key'),
		intervalMinutes: Number(minutes)
	};
}
