import type { Actions, PageServerLoad } from './$types';
import { limitVerify, serialAction, uploadAction } from '$lib/server/certificates/verify-page';

export const load: PageServerLoad = async (event) => {
	await limitVerify(event);
	return {};
};

export const actions = { check: uploadAction, serial: serialAction } satisfies Actions;
