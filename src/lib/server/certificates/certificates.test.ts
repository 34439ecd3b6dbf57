import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildCohort, buildCompletion } from '../../../test-support/completion';
import { issueCertificates } from './issue';
import { reissueCertificate, revokeCertificate } from './manage';
import { hitVerifyLimit, verifyByCode, verifyBySerial, verifyBySha256, verifyPageLookup } from './verify';
import { renderCertificate } from './pdf';
import { contentColumns, contentOf, sha256Hex } from './render';
import { SETTING_KEYS } from './settings';



let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildCompletion>>;
const origin = 'http://localhost:4173';
const issuedAt = new Date('2026-05-08T02:00:00Z');

const certOf = (personId: number, cohortId = s.cohortId) =>
	t.db.selectFrom('certificate').selectAll().where('personId', '=', personId).where('cohortId', '=', cohortId).orderBy('id', 'desc').executeTakeFirstOrThrow();

beforeAll(async () => {
	t = await testDatabase();
	s = await buildCompletion(t.db);
});
afterAll(() => t.close());

describe('issuing a cohort', () => {
	it('issues to those who meet the rule, with serials from the pattern, and is safe to run again', async () => {
		const first = await issueCertificates(t.db, { cohortId: s.cohortId, actorId: s.users.admin.id, origin, now: issuedAt, limit: 1 });
		expect(first).toMatchObject({ eligible: 2, remaining: 1, already: 0, notMet: 1 });
		const second = await issueCertificates(t.db, { cohortId: s.cohortId, actorId: s.users.admin.id, origin, now: issuedAt });
		expect(second).toMatchObject({ eligible: 1, remaining: 0, already: 1, notMet: 1 });
		const again = await issueCertificates(t.db, { cohortId: s.cohortId, actorId: s.users.admin.id, origin, now: issuedAt });
		expect(again).toMatchObject({ issued: [], eligible: 0, already: 2 });
		expect([...first.issued, ...second.issued].map((c) => c.serial)).toEqual(['DX-2026-45-0001', 'DX-2026-45-0002']);

		const cert = await certOf(s.learners.a1.id);
		expect(cert).toMatchObject({
			holderName: '张一',
			courseTitle: '入党积极分子培训',
			cohortName: '第45期入党积极分子培训班',
			creditHours: 4,
			issuedOn: '2026-05-08',
			validUntil: '2028-05-07',
			issuingBody: '示范大学党委',
			verifyUrl: `${origin}/verify/${cert.verifyCode}`
		});
		expect(cert.verifyCode).toMatch(/^[a-z2-7]{32}$/);
		const audit = await t.db.selectFrom('auditLog').select(['action', 'after']).where('action', '=', 'certificate.issue').execute();
		expect(audit).toHaveLength(2);
	});

	it('stores the PDF once with its SHA-256; the same content renders to the same bytes', async () => {
		const cert = await certOf(s.learners.a1.id);
		const pdf = Buffer.from(cert.pdf!);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(cert.pdfSha256).toBe(sha256Hex(pdf));
		expect(cert.pdfSize).toBe(pdf.byteLength);
		expect(pdf.byteLength).toBeLessThan(40 * 1024);
		const row = await t.db.selectFrom('certificate').select([...contentColumns]).where('id', '=', cert.id).executeTakeFirstOrThrow();
		expect(sha256Hex(await renderCertificate(contentOf(row)))).toBe(cert.pdfSha256);
		const again = await certOf(s.learners.a1.id);
		expect(Buffer.from(again.pdf!).equals(pdf)).toBe(true);
	});

	it('prints the Chinese name, course and verification link as text (pdftotext)', async () => {
		const cert = await certOf(s.learners.a1.id);
		const file = join(mkdtempSync(join(tmpdir(), 'dx-cert-')), 'c.pdf');
		writeFileSync(file, cert.pdf!);
		const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
		expect(text).toContain('张一');
		expect(text).toContain('入党积极分子培训');
		expect(text).toContain('结 业 证 书');
		expect(text).toContain(cert.serial);
		expect(text).toContain(cert.verifyUrl);
	});

	// zbarimg comes from Debian's zbar-tools and pdftoppm from poppler-utils (.ci/run installs both).
	it('has a QR code that scans to the verification link', async () => {
		const cert = await certOf(s.learners.a1.id);
		const dir = mkdtempSync(join(tmpdir(), 'dx-qr-'));
		writeFileSync(join(dir, 'c.pdf'), cert.pdf!);
		execFileSync('pdftoppm', ['-png', '-r', '150', join(dir, 'c.pdf'), join(dir, 'page')]);
		const scanned = execFileSync('zbarimg', ['-q', '--raw', join(dir, 'page-1.png')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
		expect(scanned.trim()).toBe(cert.verifyUrl);
	});

	it('keeps an issued certificate unchanged when the holder is renamed', async () => {
		const before = await certOf(s.learners.a1.id);
		await t.db.updateTable('person').set({ name: '张一改' }).where('id', '=', s.learners.a1.id).execute();
		const after = await certOf(s.learners.a1.id);
		expect(after.holderName).toBe('张一');
		expect(after.pdfSha256).toBe(before.pdfSha256);
		expect((await verifyByCode(t.db, after.verifyCode, issuedAt))?.holder).toBe('张*');
	});
});

describe('verification', () => {
	it('shows a valid certificate with the masked name and nothing else', async () => {
		const cert = await certOf(s.learners.m1.id);
		const v = await verifyByCode(t.db, cert.verifyCode, issuedAt);
		expect(v).toEqual({
			state: 'valid',
			serial: cert.serial,
			holder: '李*',
			courseTitle: '入党积极分子培训',
			cohortName: '第45期入党积极分子培训班',
			issuedOn: '2026-05-08',
			validUntil: '2028-05-07',
			sha256: cert.pdfSha256
		});
		expect(await verifyByCode(t.db, 'a'.repeat(32))).toBeNull();
		expect(await verifyByCode(t.db, "x' or 1=1 --")).toBeNull();
	});

	it('shows expiry after the last valid day', async () => {
		const cert = await certOf(s.learners.m1.id);
		expect((await verifyByCode(t.db, cert.verifyCode, new Date('2028-05-07T15:00:00Z')))?.state).toBe('valid');
		expect((await verifyByCode(t.db, cert.verifyCode, new Date('2028-05-07T16:00:00Z')))?.state).toBe('expired');
	});

	it('finds an uploaded PDF by its hash, and a changed byte finds nothing', async () => {
		const cert = await certOf(s.learners.m1.id);
		expect((await verifyBySha256(t.db, sha256Hex(cert.pdf!)))?.serial).toBe(cert.serial);
		const tampered = Buffer.from(cert.pdf!);
		tampered[tampered.length - 20] ^= 1;
		expect(await verifyBySha256(t.db, sha256Hex(tampered))).toBeNull();
	});

	it('finds a paper certificate by its printed serial only together with the holder\'s full name', async () => {
		const cert = await certOf(s.learners.m1.id);
		const found = await verifyBySerial(t.db, ` ${cert.serial} `, cert.holderName.split('').join(' '));
		expect(found).toMatchObject({ serial: cert.serial, state: 'valid' });
		expect(found?.holder).not.toBe(cert.holderName);
		// The next serial in the sequence, or the right one with another name: the same blank answer.
		expect(await verifyBySerial(t.db, cert.serial, cert.holderName.slice(1))).toBeNull();
		expect(await verifyBySerial(t.db, cert.serial, '')).toBeNull();
		expect(await verifyBySerial(t.db, cert.serial.replace(/\d$/, (d) => String((Number(d) + 1) % 10)), cert.holderName)).toBeNull();
	});

	it('limits hits per client address and minute, from the setting', async () => {
		const at = new Date('2026-06-01T00:00:10Z');
		await t.db.insertInto('appSetting').values({ key: SETTING_KEYS.verifyLimit, value: 3 }).execute();
		const results = [];
		for (let i = 0; i < 4; i++) results.push((await hitVerifyLimit(t.db, '203.0.113.9', at)).allowed);
		expect(results).toEqual([true, true, true, false]);
		expect((await hitVerifyLimit(t.db, '203.0.113.10', at)).allowed).toBe(true);
		expect((await hitVerifyLimit(t.db, '203.0.113.9', new Date('2026-06-01T00:01:10Z'))).allowed).toBe(true);
		// The page's combined statement counts against the same limit.
		const cert = await certOf(s.learners.m1.id);
		expect(await verifyPageLookup(t.db, '203.0.113.9', cert.verifyCode, at)).toEqual({ allowed: false, certificate: null });
		const ok = await verifyPageLookup(t.db, '203.0.113.11', cert.verifyCode, at);
		expect(ok).toEqual({ allowed: true, certificate: await verifyByCode(t.db, cert.verifyCode, at) });
		expect(await verifyPageLookup(t.db, '203.0.113.11', 'nonsense', at)).toEqual({ allowed: true, certificate: null });
		await t.db.deleteFrom('appSetting').where('key', '=', SETTING_KEYS.verifyLimit).execute();
		expect((await hitVerifyLimit(t.db, '203.0.113.9', at)).limit).toBe(60);
	});
});

describe('revoking and reissuing', () => {
	it('revokes with a reason, audited; the page then says so', async () => {
		const cert = await certOf(s.learners.m1.id);
		const r = await revokeCertificate(t.db, { certificateId: cert.id, actorId: s.users.admin.id, reason: '信息有误' });
		expect(r).toMatchObject({ ok: true });
		expect(await revokeCertificate(t.db, { certificateId: cert.id, actorId: s.users.admin.id, reason: '再次' })).toMatchObject({ ok: false });
		expect((await verifyByCode(t.db, cert.verifyCode))?.state).toBe('revoked');
		const audit = await t.db.selectFrom('auditLog').select('after').where('action', '=', 'certificate.revoke').executeTakeFirstOrThrow();
		expect(audit.after).toMatchObject({ reason: '信息有误', serial: cert.serial });
		// A batch does not hand a revoked learner a new certificate by itself.
		expect((await issueCertificates(t.db, { cohortId: s.cohortId, actorId: null, origin })).issued).toEqual([]);
	});

	it('reissues with the current name; the old one stays, superseded', async () => {
		const old = await certOf(s.learners.a1.id);
		const r = await reissueCertificate(t.db, { certificateId: old.id, actorId: s.users.admin.id, reason: '姓名更正', origin, now: new Date('2026-06-01T02:00:00Z') });
		expect(r).toMatchObject({ ok: true, serial: 'DX-2026-45-0003' });
		const fresh = await certOf(s.learners.a1.id);
		expect(fresh).toMatchObject({ holderName: '张一改', reissueOfId: old.id, validUntil: old.validUntil, issuedOn: '2026-06-01' });
		expect(fresh.pdfSha256).toBe(sha256Hex(fresh.pdf!));
		const oldNow = await t.db.selectFrom('certificate').selectAll().where('id', '=', old.id).executeTakeFirstOrThrow();
		expect(oldNow).toMatchObject({ supersededById: fresh.id, pdfSha256: old.pdfSha256 });
		expect((await verifyByCode(t.db, old.verifyCode))?.state).toBe('superseded');
		expect(await reissueCertificate(t.db, { certificateId: old.id, actorId: s.users.admin.id, reason: 'x', origin })).toMatchObject({ ok: false });
		expect(await t.db.selectFrom('certificate').select('id').execute()).toHaveLength(3);
	});
});

describe('concurrency', () => {
	it('gives parallel issuers distinct serials and each learner one certificate', async () => {
		const people = await t.db
			.insertInto('person')
			.values(Array.from({ length: 12 }, (_, i) => ({ username: `P${i}`, name: `并发学员${i}`, gender: 'male' as const, orgUnitId: s.units.csUg1.id })))
			.returning('id')
			.execute();
		// A cohort with an empty rule: everyone enrolled completes.
		const cohortId = await buildCohort(t.db, s.course.id, s.units.school.id, people.map((p) => p.id), { name: '第46期' });
		await t.db.insertInto('completionRule').values({ cohortId, requireLessons: false }).execute();
		const runs = await Promise.all([
			...people.map((p) => issueCertificates(t.db, { cohortId, personIds: [p.id], actorId: null, origin })),
			issueCertificates(t.db, { cohortId, actorId: null, origin }),
			issueCertificates(t.db, { cohortId, actorId: null, origin })
		]);
		const serials = runs.flatMap((r) => r.issued.map((c) => c.serial));
		expect(new Set(serials).size).toBe(12);
		expect(serials.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `DX-2026-46-${String(i + 1).padStart(4, '0')}`));
		const rows = await t.db.selectFrom('certificate').select(['personId', 'pdfSha256']).where('cohortId', '=', cohortId).execute();
		expect(rows).toHaveLength(12);
		expect(rows.every((r) => r.pdfSha256)).toBe(true);
	});
});
