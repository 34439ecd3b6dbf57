import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { renderCertificate, type CertificateContent } from './pdf';
import type { Db } from '$lib/server/db';

export const contentColumns = [
	'id',
	'serial',
	'holderName',
	'courseTitle',
	'cohortName',
	'startsOn',
	'endsOn',
	'creditHours',
	'score',
	'issuedOn',
	'issuedAt',
	'validUntil',
	'issuingBody',
	'verifyUrl'
] as const;

export type ContentRow = Omit<CertificateContent, 'creditHours' | 'score'> & { id: number; creditHours: number | string; score: number | string | null };

/** What the PDF shows comes only from the certificate row, so re-rendering gives the same bytes. */
export function contentOf(row: ContentRow): CertificateContent {
	return {
		serial: row.serial,
		holderName: row.holderName,
		courseTitle: row.courseTitle,
		cohortName: row.cohortName,
		startsOn: row.startsOn,
		endsOn: row.endsOn,
		creditHours: Number(row.creditHours),
		score: row.score === null ? null : Number(row.score),
		issuedOn: row.issuedOn,
		issuedAt: row.issuedAt,
		validUntil: row.validUntil,
		issuingBody: row.issuingBody,
		verifyUrl: row.verifyUrl
	};
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Renders claimed certificates and stores bytes and hash, a chunk per statement. Only rows still
 * without a PDF are written: the bytes of a certificate, once stored, never change.
 */
export async function renderAndStore(db: Db, rows: ContentRow[], chunk = 25) {
	for (let i = 0; i < rows.length; i += chunk) {
		const part = rows.slice(i, i + chunk);
		const rendered: { id: number; pdf: Buffer; sha: string }[] = [];
		for (const row of part) {
			const pdf = await renderCertificate(contentOf(row));
			rendered.push({ id: row.id, pdf, sha: sha256Hex(pdf) });
		}
		const values = rendered.map((r) => sql`(${r.id}::integer, ${r.pdf}::bytea, ${r.sha}::text, ${r.pdf.byteLength}::integer)`);
		await sql`
			update certificate as c set pdf = v.pdf, pdf_sha256 = v.sha, pdf_size = v.size
			from (values ${sql.join(values)}) as v(id, pdf, sha, size)
			where c.id = v.id and c.pdf is null`.execute(db);
	}
}

/** Certificates claimed but never rendered (a crash between the two steps): a retry finishes them. */
export async function renderLeftovers(db: Db, cohortId?: number) {
	let q = db.selectFrom('certificate').select([...contentColumns]).where('pdf', 'is', null);
	if (cohortId !== undefined) q = q.where('cohortId', '=', cohortId);
	const rows = await q.orderBy('id').execute();
	await renderAndStore(db, rows);
	return rows.length;
}
