import { scopePaths, hasRole } from '../auth/authz';
import type { AuthUser } from '../auth/session';
import { roleLabels } from '$lib/labels';

export interface NavItem {
	href: string;
	label: string;
}

/** The navigation a user sees: only what their roles may open. */
export function menuFor(user: AuthUser): NavItem[] {
	const items: NavItem[] = [
		{ href: '/', label: '首页' },
		{ href: '/my/cohorts', label: '我的培训班' },
		{ href: '/courses', label: '课程' },
		{ href: '/my/sessions', label: '课程安排' },
		{ href: '/me', label: '我的档案' }
	];
	if (scopePaths(user, 'course.author').length) items.push({ href: '/teach', label: '教学管理' });
	if (scopePaths(user, 'cohort.manage').length || scopePaths(user, 'cohort.enroll').length || hasRole(user, 'instructor')) {
		items.push({ href: '/cohorts', label: '培训班管理' });
		items.push({ href: '/sessions', label: '集中授课' });
	}
	if (scopePaths(user, 'person.view').length) items.push({ href: '/admin/people', label: '人员管理' });
	if (scopePaths(user, 'org.view').length) items.push({ href: '/admin/orgs', label: '组织机构' });
	if (scopePaths(user, 'roster.import').length) items.push({ href: '/admin/people/import', label: '名册导入' });
	if (scopePaths(user, 'audit.view').length) items.push({ href: '/admin/audit', label: '审计日志' });
	return items;
}

/** '支部书记 · 计算机学院本科生第一党支部' for each assignment, plus 学员. */
export function roleBadges(user: AuthUser) {
	const badges = user.roles.map((g) => `${roleLabels[g.role]} · ${g.orgName}`);
	if (!hasRole(user, 'school_admin', 'organizer', 'secretary', 'instructor', 'league') || badges.length === 0) {
		badges.push(roleLabels.learner);
	}
	return badges;
}
