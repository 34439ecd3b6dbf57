import type { PageServerLoad } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { auditInScope, describeAudit } from '$lib/server/audit/queries';
import { parsePaging } from '$lib/server/http/paging';
import { auditActionLabels } from '$lib/labels';
import { fromReplica } from '$lib/server/db/read';

export const load: PageServerLoad = fromReplica(async ({ locals, url }) => {
	const { paths } = requireScope('audit.view');
	const action = url.searchParams.get('action') ?? '';
	const paging = parsePaging(url, 30);
	const result = await auditInScope(locals.db, paths, {
		action: action in auditActionLabels ? action : undefined,
		...paging
	});
	return { ...result, rows: await describeAudit(locals.db, result.rows), ...paging, action };
});
