import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildSchool } from '../../../test-support/cohorts';
import { certificateSettings, saveCertificateSettings } from './settings';

let t: OpenDatabase;
let adminId: number;
beforeAll(async () => {
	t = await testDatabase();
	adminId = (await buildSchool(t.db)).users.admin.id;
});
afterAll(() => t.close());

describe('certificate settings', () => {
	// The values are jsonb: a bare string must be stored as a JSON string on both engines
	// (PGlite passes a string parameter to jsonb as JSON text, postgres.js quotes it).
	it('stores and reads back text that is not itself JSON, on either engine', async () => {
		const next = { pattern: '{prefix}-{year}-{seq:4}', prefix: '2026-02-30', issuingBody: '示范大学党委组织部', verifyLimitPerMinute: 30 };
		expect(await saveCertificateSettings(t.db, adminId, next)).toBe(true);
		expect(await certificateSettings(t.db)).toEqual(next);
		const stored = await t.db.selectFrom('appSetting').select('value').where('key', '=', 'certificates.serial_prefix').executeTakeFirstOrThrow();
		expect(stored.value).toBe('2026-02-30');
		expect(await saveCertificateSettings(t.db, adminId, next)).toBe(false);
	});
});
