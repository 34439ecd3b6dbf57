import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { scopePaths } from '$lib/server/auth/authz';
import type { Db } from '$lib/server/db';
import { developmentStatistics } from '$lib/server/development/reports/statistics';
import { rulesInEffect } from '$lib/server/development/settings/rules-in-effect';

export const FIRST_YEAR = 2000;

/**
 * The year report is the committees' (a college's 组织员 for the college, the organisation
 * department for the school): development.review's scope, which a branch secretary, the League
 * and a learner do not hold.
 */
export async function statisticsFor(db: Db, url: URL) {
	const user = requireUser();
	const paths = scopePaths(user, 'development.review');
	if (paths.length === 0) error(403, '发展党员统计仅供学院组织员和党委组织部查看');
	const rules = await rulesInEffect(db);
	const thisYear = Number(rules.today.slice(0, 4));
	const asked = url.searchParams.get('year');
	const year = asked === null || asked === '' ? thisYear : /^\d{4}$/.test(asked.trim()) ? Number(asked.trim()) : NaN;
	if (!(year >= FIRST_YEAR && year <= thisYear)) error(400, `统计年度应为 ${FIRST_YEAR} 年至 ${thisYear} 年之间的四位年份`);
	const stats = await developmentStatistics(db, paths, { year, probationMonths: rules.settings.rules['probation-1y'].params.months });
	const scopeName = [...new Set(user.roles.filter((g) => paths.includes(g.orgPath)).map((g) => g.orgName))].join('、');
	return { stats, scopeName, thisYear, today: rules.today };
}
