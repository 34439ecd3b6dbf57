import { describe, expect, it } from 'vitest';
import type { Role } from '../db/schema';
import type { AuthUser } from '../auth/session';
import { menuFor, roleBadges } from './menu';

const user = (roles: [Role, string, string][]): AuthUser => ({
	id: 1,
	username: 'u',
	name: 'u',
	orgUnitId: 5,
	orgPath: '/1/3/5/',
	orgName: '',
	politicalStatus: 'member',
	mustChangePassword: false,
	roles: roles.map(([role, orgPath, orgKind]) => ({ role, orgUnitId: 1, orgPath, orgName: '某组织', orgKind }))
});
const manage = (u: AuthUser) => menuFor(u).filter((i) => i.group === 'manage').map((i) => i.label);

// The same lists as tests/auth.spec.ts: the menu asks the pages' own actions.
describe('menuFor', () => {
	it('shows each role the pages its actions open, and a learner none', () => {
		expect(manage(user([['school_admin', '/1/', 'committee']]))).toEqual(['教学管理', '题库', '培训班管理', '集中授课', '考试管理', '结业与证书', '发展党员', '推优登记', '人员管理', '组织机构', '审计日志', '系统设置', '接口令牌']);
		expect(manage(user([['organizer', '/1/3/', 'committee']]))).toEqual(['培训班管理', '集中授课', '考试管理', '结业与证书', '发展党员', '人员管理', '组织机构', '审计日志']);
		expect(manage(user([['secretary', '/1/3/5/', 'branch']]))).toEqual(['培训班管理', '集中授课', '考试管理', '结业与证书', '发展党员', '人员管理', '组织机构']);
		expect(manage(user([['instructor', '/1/', 'committee']]))).toEqual(['教学管理', '题库', '培训班管理', '集中授课', '考试管理', '结业与证书']);
		expect(manage(user([['league', '/1/3/', 'committee']]))).toEqual(['推优登记', '人员管理', '组织机构']);
		expect(manage(user([]))).toEqual([]);
	});

	it('badges each role with its unit, and a learner as 学员', () => {
		expect(roleBadges(user([['secretary', '/1/3/5/', 'branch']]))).toEqual(['支部书记 · 某组织']);
		expect(roleBadges(user([]))).toHaveLength(1);
	});
});
