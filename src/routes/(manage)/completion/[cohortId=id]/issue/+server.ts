import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { can } from '$lib/server/auth/authz';
import { cohortFor } from '$lib/server/cohorts/context';
import { issueCertificates } from '$lib/server/certificates/issue';

// Batch issuance, one chunk per request: the page calls again until nothing remains, showing
// progress. Each call is idempotent (learners holding a certificate are skipped).
const CHUNK = 20;

export const POST: RequestHandler = async ({ locals, params, url }) => {
	const user = requireUser();
	const { cohort } = await cohortFor(locals.db, Number(params.cohortId), user);
	if (!can(user, 'certificate.issue', { orgPath: cohort.orgPath })) error(403, '只有培训班的管理者可以颁发证书');
	const r = await issueCertificates(locals.db, { cohortId: cohort.id, actorId: user.id, origin: url.origin, limit: CHUNK });
	return json({ issued: r.issued.length, remaining: r.remaining, eligible: r.eligible, already: r.already, notMet: r.notMet });
};
