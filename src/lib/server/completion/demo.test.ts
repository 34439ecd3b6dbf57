import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { syncContentCourses } from '../courses/content-sync';
import { seedDemo } from '../demo/seed';
import { seedDemoTraining } from '../demo/training';
import { demoGraduate, seedDemoCompletion } from './demo';
import { branchRows } from './branch';
import { trainingStatus } from '../certificates/training-status';

let t: OpenDatabase;
const now = new Date('2026-11-26T02:00:00Z');

beforeAll(async () => {
	t = await testDatabase();
	await syncContentCourses(t.db);
	await seedDemo(t.db);
	await seedDemoTraining(t.db, now);
});
afterAll(() => t.close());

const personId = async (username: string) => (await t.db.selectFrom('person').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

describe('demo completion data', () => {
	it('gives the demo graduate a valid certificate, leaves the demo activists alone and some learners lacking, once', async () => {
		expect(await seedDemoCompletion(t.db, { origin: 'http://localhost:4173', now, password: 'x' })).toBe(true);
		expect(await seedDemoCompletion(t.db, { origin: 'http://localhost:4173', now })).toBe(false);
		const st = await trainingStatus(t.db, await personId(demoGraduate.username), 'activist_training', now);
		expect(st.certificate?.serial).toMatch(/^DX-2026-44-\d{4}$/);
		expect(st.meetsMinimum).toBe(true);
		for (const username of ['activist', 'activist2']) {
			expect((await trainingStatus(t.db, await personId(username), 'activist_training', now)).certificate).toBeNull();
		}
		const rows = await branchRows(t.db, ['/'], now);
		expect(rows.some((r) => r.state === 'not_met' && r.lacking.some((l) => l.includes('尚差')))).toBe(true);
		expect(rows.some((r) => r.certificate?.expiringSoon)).toBe(true);
		const pdfs = await t.db.selectFrom('certificate').select(['verifyUrl', 'pdfSha256']).execute();
		expect(pdfs.every((c) => c.pdfSha256 && c.verifyUrl.startsWith('http://localhost:4173/verify/'))).toBe(true);
	});
});
