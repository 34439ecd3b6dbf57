import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AuthUser } from '../auth/session';
import { can } from '../auth/authz';

/** certificate.view: the holder, and those who see people of the holder's unit. */
export function canViewCertificate(user: AuthUser, c: { personId: number; holderOrgPath: string }) {
	return can(user, 'certificate.view', { orgPath: c.holderOrgPath, personId: c.personId });
}

/** certificate.revoke (revoke and reissue), asked of the cohort's scope: school admin; an organizer for a college's cohort. */
export function canManageCertificates(user: AuthUser, cohortOrgPath: string) {
	return can(user, 'certificate.revoke', { orgPath: cohortOrgPath });
}

/** One certificate (without its bytes) with the paths that decide access: 404 if missing, 403 if not the user's to see. */
export async function certificateFor(db: Kysely<Database>, id: number, user: AuthUser) {
	const row = await db
		.selectFrom('certificate as c')
		.innerJoin('person as p', 'p.id', 'c.personId')
		.innerJoin('orgUnit as po', 'po.id', 'p.orgUnitId')
		.innerJoin('cohort as k', 'k.id', 'c.cohortId')
		.innerJoin('orgUnit as ko', 'ko.id', 'k.orgUnitId')
		.select([
			'c.id', 'c.cohortId', 'c.personId', 'c.serial', 'c.verifyCode', 'c.verifyUrl', 'c.holderName', 'c.courseTitle', 'c.courseCode',
			'c.cohortName', 'c.startsOn', 'c.endsOn', 'c.creditHours', 'c.onlineHours', 'c.offlineHours', 'c.offlineDays', 'c.score',
			'c.issuedAt', 'c.issuedOn', 'c.validUntil', 'c.issuingBody', 'c.pdfSha256', 'c.pdfSize', 'c.revokedAt', 'c.revokeReason',
			'c.supersededAt', 'c.supersededById', 'c.reissueOfId',
			'p.name as currentName', 'p.username', 'po.path as holderOrgPath', 'po.name as holderOrgName', 'ko.path as cohortOrgPath'
		])
		.where('c.id', '=', id)
		.executeTakeFirst();
	if (!row) error(404, '未找到该证书');
	if (!canViewCertificate(user, row)) error(403, '您没有权限查看该证书');
	return { certificate: row, canManage: canManageCertificates(user, row.cohortOrgPath) };
}

/** The stored PDF bytes (never re-rendered): the same bytes on every download. */
export async function certificatePdf(db: Kysely<Database>, id: number) {
	const row = await db.selectFrom('certificate').select(['pdf', 'pdfSha256', 'serial', 'holderName']).where('id', '=', id).executeTakeFirst();
	return row?.pdf ? { ...row, pdf: row.pdf, pdfSha256: row.pdfSha256! } : null;
}

export function pdfResponse(bytes: Uint8Array, sha256: string, fileName: string) {
	return new Response(bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/pdf',
			'content-length': String(bytes.byteLength),
			etag: `"${sha256}"`,
			'cache-control': 'private, no-cache',
			'content-disposition': `attachment; filename="certificate.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`
		}
	});
}
