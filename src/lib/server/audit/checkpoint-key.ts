import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import type { CheckpointConfig } from './checkpoint-config';

const isCode = (e: unknown, code: string) => (e as NodeJS.ErrnoException)?.code === code;

async function readKeyFile(path: string) {
	try {
		const key = (await readFile(path, 'utf8')).trim();
		if (key) return key;
		throw new Error(`审计检查点密钥文件 ${path} 是空的`);
	} catch (e) {
		if (isCode(e, 'ENOENT')) return undefined;
		throw e;
	}
}

/**
 * The HMAC key that signs checkpoints; the database never sees it. Without
 * AUDIT_CHECKPOINT_KEY a random key is generated once into the key file (`create`, the
 * writer); verifying never creates one, since a fresh key would make every line look forged.
 */
export async function checkpointKey(config: CheckpointConfig, options: { create: boolean }): Promise<Buffer> {
	if (config.key) return Buffer.from(config.key, 'utf8');
	const existing = await readKeyFile(config.keyFile);
	if (existing) return Buffer.from(existing, 'utf8');
	if (!options.create) {
		throw new Error(`找不到审计检查点密钥：未设置 AUDIT_CHECKPOINT_KEY，也没有密钥文件 ${config.keyFile}`);
	}
	await mkdir(dirname(config.keyFile), { recursive: true });
	// Written aside and linked into place: link() fails if another instance got there first,
	// and nobody ever reads a half-written key.
	const aside = `${config.keyFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
	await writeFile(aside, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
	try {
		await link(aside, config.keyFile);
	} catch (e) {
		if (!isCode(e, 'EEXIST')) throw e;
	} finally {
		await unlink(aside);
	}
	return Buffer.from((await readKeyFile(config.keyFile)) ?? '', 'utf8');
}
