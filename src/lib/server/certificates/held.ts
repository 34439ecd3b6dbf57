import type { Db } from '$lib/server/db';

/** The query of heldCertificates, unexecuted (the home page nests it in its one statement). */
export function heldCertificatesQuery(db: Db, personId: number) {
	return db
		.selectFrom('certificate')
		.select(['id', 'serial', 'cohortName', 'courseTitle', 'issuedOn', 'validUntil'])
		.where('personId', '=', personId)
		.where('revokedAt', 'is', null)
		.where('supersededAt', 'is', null)
		.orderBy('issuedOn', 'desc')
		.orderBy('id', 'desc')
		.limit(5);
}

/** The certificates a person holds now (not revoked, not replaced by a reissue), newest first. */
export function heldCertificates(db: Db, personId: number) {
	return heldCertificatesQuery(db, personId).execute();
}
