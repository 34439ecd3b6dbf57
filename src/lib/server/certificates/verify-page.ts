import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { checkUpload, hitVerifyLimit, RATE_LIMITED_MESSAGE } from './verify';
import { requestAddress } from '../http/client-address';

/** Every request to the public pages counts against the client's per-minute limit. */
export async function limitVerify(event: Pick<RequestEvent, 'locals' | 'platform' | 'getClientAddress' | 'setHeaders'>) {
	event.setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
	const { allowed } = await hitVerifyLimit(event.locals.db, requestAddress(event));
	if (!allowed) error(429, RATE_LIMITED_MESSAGE);
}

/** The upload form's action, shared by /verify and /verify/<code>. */
export async function uploadAction(event: RequestEvent) {
	const { allowed } = await hitVerifyLimit(event.locals.db, requestAddress(event));
	if (!allowed) return fail(429, { message: RATE_LIMITED_MESSAGE });
	const result = await checkUpload(event.locals.db, (await event.request.formData()).get('file'));
	if (!result.ok) return fail(400, { message: result.message });
	return { checked: { sha256: result.sha256, certificate: result.certificate } };
}
