import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import type { Db } from '$lib/server/db';
import { canAdministerDevelopment, developmentScope } from '$lib/server/development/access';
import { scopePaths } from '$lib/server/auth/authz';
import { listOrgUnits } from '$lib/server/org/units';
import { developmentStages, type DevelopmentStage } from '$lib/server/development/tables';
import { intParam } from '$lib/server/http/paging';

/** The development pages are for the branch, the committees above it and the organisation department. */
export async function staffScope(db: Db) {
	const user = requireUser();
	const paths = developmentScope(user);
	if (paths.length === 0) error(403, '发展党员工作页面仅供支部书记、组织员和组织部使用');
	const units = await listOrgUnits(db, paths);
	const branches = units.filter((u) => u.kind === 'branch').map((u) => ({ id: u.id, name: u.name }));
	return {
		user,
		paths,
		branches,
		links: { admin: canAdministerDevelopment(user), import: scopePaths(user, 'roster.import').length > 0, college: scopePaths(user, 'development.college_settings').length > 0, statistics: scopePaths(user, 'development.review').length > 0 }
	};
}

/** The shared filters of the lists: branch (within scope), stage, and a name/学号 search. */
export function listFilter(url: URL, branches: { id: number }[]) {
	const branch = intParam(url, 'branch');
	const stage = url.searchParams.get('stage') ?? '';
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 50);
	return {
		orgUnitId: branch && branches.some((b) => b.id === branch) ? branch : undefined,
		stage: (developmentStages as readonly string[]).includes(stage) ? (stage as DevelopmentStage) : undefined,
		q: q || undefined
	};
}
