// Chinese labels for the glossary's code names; the UI and exports share them.
export const politicalStatusLabels = {
	masses: '群众',
	league_member: '共青团员',
	applicant: '入党申请人',
	activist: '入党积极分子',
	candidate: '发展对象',
	probationary: '预备党员',
	member: '中共党员'
} as const;

export const roleLabels = {
	school_admin: '组织部/党校管理员',
	organizer: '组织员',
	secretary: '支部书记',
	instructor: '授课教师',
	league: '团委',
	learner: '学员'
} as const;

/** A certificate's state (certificates/verify.ts certificateState) as every page and export says it. */
export const certificateStateLabels = {
	valid: '有效',
	expired: '已过期',
	revoked: '已撤销',
	superseded: '已作废（已换发新证书）'
} as const;

export const genderLabels = { male: '男', female: '女' } as const;

export const orgKindLabels = {
	committee: '党委',
	general_branch: '党总支',
	branch: '党支部',
	unit: '部门/单位'
} as const;

/** Reverse lookup for imports: '中共党员' → 'member'; also accepts common variants. */
export function fromLabel<T extends string>(labels: Record<T, string>, text: string, aliases: Record<string, T> = {}) {
	const t = text.trim();
	for (const [k, v] of Object.entries(labels) as [T, string][]) if (v === t || k === t) return k;
	return aliases[t];
}

export const auditActionLabels: Record<string, string> = {
	'person.create': '新增人员',
	'person.update': '修改人员信息',
	'person.id_number': '修改身份证号',
	'person.discipline': '记录处分',
	'person.discipline_void': '撤销处分记录',
	'person.password_change': '修改密码',
	'person.password_reset': '重置密码',
	'person.activate': '启用账号',
	'person.deactivate': '停用账号',
	'role.assign': '分配职务',
	'role.revoke': '撤销职务',
	'org.create': '新建组织',
	'org.update': '修改组织',
	'roster.import': '导入名册',
	'demo.seed': '创建演示数据',
	'content.sync': '同步课程内容',
	'cohort.create': '新建培训班',
	'cohort.update': '修改培训班',
	'cohort.close': '关闭培训班',
	'cohort.reopen': '重新开放培训班',
	'cohort.enroll': '培训班报名',
	'cohort.withdraw': '移出培训班',
	'session.create': '新建集中授课',
	'session.update': '修改集中授课',
	'session.cancel': '取消集中授课',
	'session.restore': '恢复集中授课',
	'session.close': '结束集中授课',
	'attendance.mark': '标记考勤',
	'attendance.assistant_add': '指定考勤助理',
	'attendance.assistant_remove': '撤销考勤助理',
	'leave.request': '提交请假',
	'leave.approve': '批准请假',
	'leave.refuse': '驳回请假',
	'course.create': '新建课程',
	'course.update': '修改课程',
	'course.import': '导入课程',
	'lesson.create': '新增课时',
	'lesson.reorder': '调整课时顺序',
	'lesson.publish': '发布课时',
	'lesson.restore': '恢复课时版本',
	'lesson.unpublish': '取消发布课时',
	'lesson.schedule': '定时发布课时',
	'lesson.unschedule': '取消定时发布',
	'file.upload': '上传文件',
	'development.transition': '发展阶段变更',
	'development.entry': '登记纪实',
	'development.entry_void': '作废纪实',
	'development.entry_confirm': '党委确认外校培训',
	'development.supporter': '确定培养联系人/介绍人',
	'development.supporter_end': '结束培养联系人/介绍人',
	'development.exemption': '批准豁免',
	'development.exemption_revoke': '撤销豁免',
	'development.record': '修改纪实信息',
	'development.settings': '修改发展党员规则设置',
	'development.college_settings': '修改学院发展党员规则',
	'development.calendar': '修改工作日历',
	'development.calendar_delete': '删除工作日历',
	'development.import': '导入发展党员纪实',
	'demo.seed_development': '创建发展党员演示数据',
	'certificate.issue': '颁发结业证书',
	'certificate.revoke': '撤销结业证书',
	'certificate.reissue': '重新颁发结业证书',
	'certificate.settings': '修改证书设置',
	'study.settings': '修改学时与学习设置',
	'completion.rule': '修改结业条件',
	'reflection.submit': '提交心得体会',
	'reflection.approve': '通过心得体会',
	'reflection.return': '退回心得体会',
	'question.create': '新增试题',
	'question.update': '修改试题',
	'question.archive': '停用试题',
	'question.restore': '恢复试题',
	'question.import': '导入试题',
	'question.sync': '同步题库',
	'exam.create': '新建考试',
	'exam.update': '修改考试',
	'exam.override': '设置补考',
	'exam.override_delete': '取消补考',
	'exam.regrade': '重新评分'
};

export const courseCategoryLabels = {
	activist_training: '入党积极分子培训',
	candidate_training: '发展对象培训',
	probationary_training: '预备党员培训',
	member_education: '党员教育'
} as const;
