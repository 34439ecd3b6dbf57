import type { Actions, PageServerLoad } from './$types';
import { limitVerify, uploadAction } from '$lib/server/certificates/verify-page';

export const load: PageServerLoad = async (event) => {
	await limitVerify(event);
	return {};
};

export const actions = { check: uploadAction } satisfies Actions;
