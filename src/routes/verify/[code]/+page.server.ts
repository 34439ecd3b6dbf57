import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { RATE_LIMITED_MESSAGE, verifyPageLookup } from '$lib/server/certificates/verify';
import { uploadAction } from '$lib/server/certificates/verify-page';

// Scanned from a printed QR code, mostly on phones: plain HTML, no JavaScript to download or
// hydrate (the upload form below works as an ordinary form post).
export const csr = false;

// Public: no login. Shows only what verify.ts allows (state, course, cohort, dates, masked name, hash).
export const load: PageServerLoad = async ({ locals, params, getClientAddress, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
	const { allowed, certificate } = await verifyPageLookup(locals.db, getClientAddress(), params.code);
	if (!allowed) error(429, RATE_LIMITED_MESSAGE);
	if (!certificate) error(404, '未找到该证书，请核对验证地址是否完整');
	return { certificate };
};

export const actions = { check: uploadAction } satisfies Actions;
