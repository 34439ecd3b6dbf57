import type { PageServerLoad } from './$types';
import { openApi } from '$lib/server/api-clients/openapi';

export const load: PageServerLoad = () => ({
	info: openApi.info,
	paths: Object.entries(openApi.paths).map(([path, item]) => ({
		path: `/api/v1${path}`,
		summary: item.get.summary,
		parameters: item.get.parameters.map((p) => ({ name: p.name, description: p.description }))
	}))
});
