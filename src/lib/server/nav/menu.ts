import { canSomewhere, schoolWide, type Action } from '../auth/authz';
import type { AuthUser } from '../auth/session';
import { roleLabels } from '$lib/labels';

export interface NavItem {
	href: string;
	label: string;
	/** 'learn': everyone's own study; 'manage': work on other people's records */
	group: 'learn' | 'manage';
}

/** The navigation a user sees: only what their roles may open, asked in the pages' own actions. */
export function menuFor(user: AuthUser): NavItem[] {
	const learn = (href: string, label: string): NavItem => ({ href, label, group: 'learn' });
	const manage = (href: string, label: string): NavItem => ({ href, label, group: 'manage' });
	const may = (action: Action) => canSomewhere(user, action);
	const items: NavItem[] = [
		learn('/', '首页'),
		learn('/my/cohorts', '我的培训班'),
		learn('/courses', '课程'),
		learn('/my/sessions', '课程安排'),
		learn('/exams', '我的考试'),
		learn('/my/development', '入党进程'),
		learn('/my/profile', '我的档案')
	];
	if (may('course.author')) items.push(manage('/teach', '教学管理'));
	if (may('bank.manage')) items.push(manage('/bank', '题库'));
	// Cohorts are seen by scope (cohort.view) or by teaching them (cohort.teach).
	const runsTraining = may('cohort.view') || may('cohort.teach');
	if (runsTraining) items.push(manage('/cohorts', '培训班管理'), manage('/sessions', '集中授课'), manage('/exam-admin', '考试管理'), manage('/completion', '结业与证书'));
	if (may('development.record')) items.push(manage('/development', '发展党员'));
	if (may('league.recommend')) items.push(manage('/league', '推优登记'));
	if (may('person.view')) items.push(manage('/admin/people', '人员管理'));
	if (may('org.view')) items.push(manage('/admin/orgs', '组织机构'));
	if (may('audit.view')) items.push(manage('/admin/audit', '审计日志'));
	if (schoolWide(user, 'settings.manage')) items.push(manage('/admin/settings', '系统设置'));
	if (schoolWide(user, 'api_client.manage')) items.push(manage('/admin/api-clients', '接口令牌'));
	return items;
}

/** '支部书记 · 计算机学院本科生第一党支部' for each assignment, plus 学员. */
export function roleBadges(user: AuthUser) {
	const badges = user.roles.map((g) => `${roleLabels[g.role]} · ${g.orgName}`);
	if (badges.length === 0) {
		badges.push(roleLabels.learner);
	}
	return badges;
}
