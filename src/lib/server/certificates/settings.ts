import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { appendAudit } from '../audit/log';
import { jsonb } from '../quiz/jsonb';
import type { Db } from '$lib/server/db';

export const SETTING_KEYS = {
	pattern: 'certificates.serial_pattern',
	prefix: 'certificates.serial_prefix',
	issuingBody: 'certificates.issuing_body',
	verifyLimit: 'certificates.verify_limit_per_minute'
} as const;

export const DEFAULT_PATTERN = '{prefix}-{year}-{cohortNo}-{seq:4}';
export const DEFAULT_PREFIX = 'DX';
export const DEFAULT_VERIFY_LIMIT = 60;

export interface CertificateSettings {
	pattern: string;
	prefix: string;
	/** default: the school committee's name (the root of the org tree) */
	issuingBody: string;
	verifyLimitPerMinute: number;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** Read at issue time, never cached: an issue is rare, and a changed setting applies at once. */
export async function certificateSettings(db: Db): Promise<CertificateSettings> {
	const [rows, root] = await Promise.all([
		db.selectFrom('appSetting').select(['key', 'value']).where('key', 'in', Object.values(SETTING_KEYS)).execute(),
		db.selectFrom('orgUnit').select('name').where('parentId', 'is', null).orderBy('id').limit(1).executeTakeFirst()
	]);
	const value = (k: string) => rows.find((r) => r.key === k)?.value;
	const limit = Number(value(SETTING_KEYS.verifyLimit));
	return {
		pattern: text(value(SETTING_KEYS.pattern)) ?? DEFAULT_PATTERN,
		prefix: text(value(SETTING_KEYS.prefix)) ?? DEFAULT_PREFIX,
		issuingBody: text(value(SETTING_KEYS.issuingBody)) ?? root?.name ?? '党校',
		verifyLimitPerMinute: Number.isInteger(limit) && limit > 0 ? limit : DEFAULT_VERIFY_LIMIT
	};
}

/** Saves the settings that differ from what is stored, in one audited transaction. */
export async function saveCertificateSettings(db: Kysely<Database>, actorId: number, next: CertificateSettings) {
	return db.transaction().execute(async (trx) => {
		const before = await certificateSettings(trx);
		const changed = (Object.keys(next) as (keyof CertificateSettings)[]).filter((k) => next[k] !== before[k]);
		if (changed.length === 0) return false;
		const keyOf: Record<keyof CertificateSettings, string> = {
			pattern: SETTING_KEYS.pattern,
			prefix: SETTING_KEYS.prefix,
			issuingBody: SETTING_KEYS.issuingBody,
			verifyLimitPerMinute: SETTING_KEYS.verifyLimit
		};
		for (const k of changed) {
			// jsonb(): PGlite would pass a bare string to jsonb as JSON text (refused unless it is JSON).
			const value = jsonb(next[k]);
			await trx
				.insertInto('appSetting')
				.values({ key: keyOf[k], value })
				.onConflict((oc) => oc.column('key').doUpdateSet({ value, updatedAt: new Date() }))
				.execute();
		}
		const pick = (s: CertificateSettings) => Object.fromEntries(changed.map((k) => [k, s[k]]));
		await appendAudit(trx, { actorId, action: 'certificate.settings', entityType: 'app_setting', entityId: 'certificates', before: pick(before), after: pick(next) });
		return true;
	});
}
