import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { NOT_FOUND_MESSAGE, RATE_LIMITED_MESSAGE, verifyPageLookup } from '$lib/server/certificates/verify';
import { uploadAction } from '$lib/server/certificates/verify-page';
import { requestAddress } from '$lib/server/http/client-address';

// Scanned from a printed QR code, mostly on phones: plain HTML, no JavaScript to download or
// hydrate (the upload form below works as an ordinary form post). In production a GET is
// answered before SvelteKit by the same lookup and components (certificates/verify-route.ts);
// this load answers under `vite dev`, a bare `node build`, and what that route leaves alone.
export const csr = false;

// Public: no login. Shows only what verify.ts allows (state, course, cohort, dates, masked name, hash).
export const load: PageServerLoad = async (event) => {
	const { locals, params, setHeaders } = event;
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
	const { allowed, certificate } = await verifyPageLookup(locals.db, requestAddress(event), params.code);
	if (!allowed) error(429, RATE_LIMITED_MESSAGE);
	if (!certificate) error(404, NOT_FOUND_MESSAGE);
	return { certificate };
};

export const actions = { check: uploadAction } satisfies Actions;
