import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { checkUpload, hitVerifyLimit, RATE_LIMITED_MESSAGE, verifyBySerial } from './verify';
import { requestAddress } from '../http/client-address';
import { z } from 'zod';
import { parseForm } from '$lib/validation/form';
import { field, text } from '$lib/validation/fields';

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

export const SERIAL_NOT_FOUND = '未找到编号与姓名都一致的证书：请核对证书上印的证书编号和持证人姓名（姓名须完整）';

const serialForm = z.object({
	serial: text('证书编号', { min: 1, max: 64 }),
	name: text('持证人姓名', { min: 1, max: 50 })
});

/** A paper certificate by its 证书编号 and the holder's name: the two printed side by side. */
export async function serialAction(event: RequestEvent) {
	const { allowed } = await hitVerifyLimit(event.locals.db, requestAddress(event));
	if (!allowed) return fail(429, { serialMessage: RATE_LIMITED_MESSAGE });
	const parsed = await parseForm(event.request, serialForm);
	const typed = { serial: field(parsed.form, 'serial').slice(0, 64), name: field(parsed.form, 'name').slice(0, 50) };
	if (!parsed.ok) return fail(400, { ...typed, serialMessage: parsed.message });
	const certificate = await verifyBySerial(event.locals.db, parsed.data.serial, parsed.data.name);
	if (!certificate) return fail(404, { ...typed, serialMessage: SERIAL_NOT_FOUND });
	return { bySerial: certificate };
}
