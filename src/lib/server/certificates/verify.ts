import { sql } from 'kysely';
import { DEFAULT_VERIFY_LIMIT, SETTING_KEYS } from './settings';
import { shanghaiDate } from '$lib/time/shanghai';
import { maskName } from './format';
import { prepared } from '../db/prepared';
import type { Db } from '$lib/server/db';

export type CertificateState = 'valid' | 'expired' | 'revoked' | 'superseded';

export { certificateStateLabels } from '../../labels';

export function certificateState(c: { revokedAt: Date | null; supersededAt: Date | null; validUntil: string | null }, today: string): CertificateState {
	if (c.revokedAt) return 'revoked';
	if (c.supersededAt) return 'superseded';
	if (c.validUntil !== null && c.validUntil < today) return 'expired';
	return 'valid';
}

/** Exactly what the public page may show: no 学号, no ids, the name masked. */
export interface PublicCertificate {
	state: CertificateState;
	serial: string;
	holder: string;
	courseTitle: string;
	cohortName: string;
	issuedOn: string;
	validUntil: string | null;
	sha256: string;
}

export const CODE_PATTERN = /^[a-z2-7]{32}$/;
const SHA_PATTERN = /^[0-9a-f]{64}$/;

// The newest issued certificate whose `column` equals `value` (a reissue supersedes the old one).
async function lookup(db: Db, column: 'verifyCode' | 'pdfSha256' | 'serial', value: string, now: Date, holderName?: string): Promise<PublicCertificate | null> {
	let query = db
		.selectFrom('certificate')
		.select(['serial', 'holderName', 'courseTitle', 'cohortName', 'issuedOn', 'validUntil', 'pdfSha256', 'revokedAt', 'supersededAt'])
		.where(column, '=', value)
		.where('pdfSha256', 'is not', null);
	if (holderName !== undefined) query = query.where('holderName', '=', holderName);
	const row = await query.orderBy('id', 'desc').limit(1).executeTakeFirst();
	return row ? publicCertificate({ ...row, pdfSha256: row.pdfSha256! }, now) : null;
}

type CertificateRow = Omit<PublicCertificate, 'state' | 'holder' | 'sha256'> & {
	holderName: string;
	pdfSha256: string;
	revokedAt: Date | null;
	supersededAt: Date | null;
};

/** A stored certificate as the public may see it: its state today and the holder's name masked. */
function publicCertificate(row: CertificateRow, now: Date): PublicCertificate {
	return {
		state: certificateState(row, shanghaiDate(now)),
		serial: row.serial,
		holder: maskName(row.holderName),
		courseTitle: row.courseTitle,
		cohortName: row.cohortName,
		issuedOn: row.issuedOn,
		validUntil: row.validUntil,
		sha256: row.pdfSha256
	};
}

export function verifyByCode(db: Db, code: string, now = new Date()) {
	return CODE_PATTERN.test(code) ? lookup(db, 'verifyCode', code, now) : Promise.resolve(null);
}

// A serial as printed: the school's pattern decides its characters (serial.ts), never spaces.
const SERIAL_PATTERN = /^\S{1,64}$/;

/**
 * A paper certificate by its printed 证书编号 and the holder's full name. Serials run in order
 * (DX-2026-44-0001, -0002 …), so the serial alone would let anyone walk the list: without the
 * name that is printed beside it the answer is the same as for a serial that does not exist.
 */
export function verifyBySerial(db: Db, serial: string, holderName: string, now = new Date()) {
	const s = serial.trim();
	const name = holderName.replace(/\s+/g, '');
	return SERIAL_PATTERN.test(s) && name ? lookup(db, 'serial', s, now, name) : Promise.resolve(null);
}

export function verifyBySha256(db: Db, sha256: string, now = new Date()) {
	return SHA_PATTERN.test(sha256) ? lookup(db, 'pdfSha256', sha256, now) : Promise.resolve(null);
}

const limitSetting = sql<number>`coalesce((
	select (s.value #>> '{}')::integer from app_setting s
	where s.key = ${SETTING_KEYS.verifyLimit} and s.value #>> '{}' ~ '^[1-9][0-9]{0,8}$'
), ${DEFAULT_VERIFY_LIMIT})`;

const hitCounter = (ip: string, minute: number) => sql`
	insert into verify_hit (ip, minute, hits) values (${ip}, ${minute}, 1)
	on conflict (ip, minute) do update set hits = verify_hit.hits + 1
	returning hits`;

// The first hit of a new minute now and then sweeps counters older than ten minutes.
async function sweep(db: Db, hits: number, minute: number) {
	if (hits === 1 && Math.random() < 0.02) await db.deleteFrom('verifyHit').where('minute', '<', minute - 10).execute();
}

/**
 * Counts a hit on the public pages for this client address and minute, in the database (so every
 * instance shares the count), and says whether it is within the limit (a setting, default 60).
 */
export async function hitVerifyLimit(db: Db, ip: string, now = new Date()) {
	const minute = Math.floor(now.getTime() / 60_000);
	const { rows } = await sql<{ hits: number; limit: number }>`
		with hit as (${hitCounter(ip, minute)})
		select hit.hits, ${limitSetting} as limit from hit`.execute(db);
	const hits = Number(rows[0].hits);
	const limit = Number(rows[0].limit);
	await sweep(db, hits, minute);
	return { allowed: hits <= limit, hits, limit };
}

/**
 * The verification page's one statement: count the hit, read the limit and look the code up,
 * in a single round trip (the page is public and must stay fast under load).
 */
// Prepared once (src/lib/server/db/prepared.ts): the public page's every request runs it.
const pageLookup = prepared((_db: Db, ip: string, minute: number, code: string | null) =>
	sql<{
		hits: number;
		limit: number;
		serial: string | null;
		holderName: string;
		courseTitle: string;
		cohortName: string;
		issuedOn: string;
		validUntil: string | null;
		pdfSha256: string;
		revokedAt: Date | null;
		supersededAt: Date | null;
	}>`
		with hit as (${hitCounter(ip, minute)})
		select hit.hits, ${limitSetting} as limit, c.serial, c.holder_name, c.course_title, c.cohort_name,
			c.issued_on, c.valid_until, c.pdf_sha256, c.revoked_at, c.superseded_at
		from hit left join certificate c on c.verify_code = ${code} and c.pdf_sha256 is not null`
);

export async function verifyPageLookup(db: Db, ip: string, code: string, now = new Date()) {
	const minute = Math.floor(now.getTime() / 60_000);
	const rows = await pageLookup.all(db, ip, minute, CODE_PATTERN.test(code) ? code : null);
	const row = rows[0];
	const hits = Number(row.hits);
	await sweep(db, hits, minute);
	const allowed = hits <= Number(row.limit);
	if (!allowed || row.serial === null) return { allowed, certificate: null };
	return { allowed, certificate: publicCertificate({ ...row, serial: row.serial }, now) };
}

export const RATE_LIMITED_MESSAGE = '查询过于频繁，请一分钟后再试';
export const NOT_FOUND_MESSAGE = '未找到该证书，请核对验证地址是否完整；手中是纸质证书时，可在证书验证页按证书编号和持证人姓名查询';

// Under adapter-node's default BODY_SIZE_LIMIT (512K); a certificate is ~25 KB.
export const MAX_UPLOAD_BYTES = 500 * 1024;

export type UploadCheck = { ok: false; message: string } | { ok: true; sha256: string; certificate: PublicCertificate | null };

/** An uploaded PDF: its SHA-256, and the issued certificate with exactly those bytes, if any. */
export async function checkUpload(db: Db, file: FormDataEntryValue | null): Promise<UploadCheck> {
	if (!(file instanceof File) || file.size === 0) return { ok: false, message: '请选择要核验的证书 PDF 文件' };
	if (file.size > MAX_UPLOAD_BYTES) return { ok: false, message: '文件过大：证书 PDF 不超过 500 KB' };
	const bytes = new Uint8Array(await file.arrayBuffer());
	const { createHash } = await import('node:crypto');
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	return { ok: true, sha256, certificate: await verifyBySha256(db, sha256) };
}
