import { formatShanghai } from '$lib/time/shanghai';
import { politicalStatusLabels, roleLabels, orgKindLabels, certificateStateLabels } from '$lib/labels';
import { stageLabels } from '$lib/development/labels';
import { sessionKindLabels } from '$lib/server/attendance/labels';

// The audit log as a person reads it: 「人员 张三」 instead of `person #12`, and 「所属组织：
// 计算机学院第一党支部 → 数学学院党支部」 instead of two JSON objects. The stored JSON stays what
// the hash chain covers; this only says it in words (the page keeps the JSON behind 原始记录).

/** Names of the people, units, cohorts, courses and lessons a page of entries mentions. */
export interface AuditNames {
	person: Map<number, string>;
	orgUnit: Map<number, string>;
	cohort: Map<number, string>;
	course: Map<number, string>;
	lesson: Map<number, string>;
}

export type NameKind = keyof AuditNames;

/** What each entity type is called, and where its name comes from when the log names one. */
const entityKinds: Record<string, { label: string; names?: NameKind }> = {
	person: { label: '人员', names: 'person' },
	org_unit: { label: '组织', names: 'orgUnit' },
	cohort: { label: '培训班', names: 'cohort' },
	course: { label: '课程', names: 'course' },
	lesson: { label: '课时', names: 'lesson' },
	exam: { label: '考试' },
	session: { label: '集中授课' },
	question: { label: '试题' },
	app_setting: { label: '系统设置' },
	school: { label: '学校' },
	reflection: { label: '学习心得' },
	leave_request: { label: '请假申请' },
	development_calendar: { label: '工作日历' },
	development_settings: { label: '发展党员工作设置' },
	certificate: { label: '结业证书' },
	stored_file: { label: '文件' },
	roster: { label: '名册' },
	attendance: { label: '考勤' },
	api_client: { label: '接口令牌' },
	thing: { label: '记录' }
};

/** Fields whose number is the id of something with a name. */
const idFields: Record<string, NameKind> = {
	personId: 'person',
	supporterId: 'person',
	confirmedBy: 'person',
	approver: 'person',
	orgUnitId: 'orgUnit',
	parentId: 'orgUnit',
	cohortId: 'cohort',
	courseId: 'course'
};

const fieldLabels: Record<string, string> = {
	absent: '缺勤', answer: '答案', approver: '批准人', assignedOn: '指定日期', attachmentId: '附件', bodyLength: '正文长度',
	category: '类别', certificateValidityMonths: '证书有效期（月）', certificates: '证书', changes: '修改', chars: '字数',
	checkId: '检查项', checks: '检查项', code: '代码', cohortId: '培训班', comment: '意见', confirmed: '已确认',
	confirmedBy: '确认人', contentHash: '内容摘要', contentType: '文件类型', count: '数量', courseCode: '课程代码',
	courseId: '课程', created: '新增', creditHours: '学时', dates: '日期', description: '说明', details: '详情',
	disciplineId: '处分记录', effectiveFrom: '生效日期', endedOn: '结束日期', endsOn: '结束日期', enrolledAt: '报名时间',
	entryId: '纪实条目', entryIds: '纪实条目', exemptionId: '免修记录', explanation: '说明', external: '校外培训',
	failing: '未通过', fileId: '文件', fileName: '文件名', files: '文件', first: '首次', holderName: '持证人',
	idNumber: '身份证号', ids: '记录', isActive: '账号启用', kind: '类型', lessons: '课时', name: '名称', newCertificateId: '新证书',
	noCheckout: '未签退', note: '备注', notice: '通知', occurredOn: '发生日期', options: '选项', order: '顺序',
	orgUnitId: '所属组织', overrides: '调整项', parentId: '上级组织', people: '人员', period: '期间', personId: '人员',
	personIds: '人员', politicalStatus: '政治面貌', publishAt: '定时发布', published: '已发布', ranges: '网络范围',
	reason: '原因', regraded: '重新评分', required: '要求', role: '职务', rowNumber: '行号', rows: '行数', ruleSetId: '规则版本',
	serial: '编号', seriesId: '系列', sessionId: '集中授课', sha256: 'SHA-256', size: '大小', source: '来源', stage: '阶段',
	stageSince: '进入阶段日期', startsOn: '开始日期', state: '状态', status: '状态', stem: '题干', submissionId: '材料',
	supporterId: '培养联系人', supporterRowId: '培养联系人记录', title: '标题', type: '类型', updated: '修改', version: '版本',
	versionId: '版本', voidReason: '作废原因', weeks: '周数', username: '用户名', gender: '性别', phone: '电话', email: '邮箱',
	value: '值', key: '设置项', birthDate: '出生日期', grade: '年级', classGroup: '班级', graduationDate: '毕业日期',
	ethnicity: '民族', nativePlace: '籍贯', education: '学历', joinedOn: '入党日期', confirmedOn: '转正日期'
};

/** Values that are code names of the glossary, in Chinese. */
const valueLabels: Record<string, Record<string, string>> = {
	politicalStatus: politicalStatusLabels,
	role: roleLabels,
	kind: { ...orgKindLabels, ...sessionKindLabels },
	stage: stageLabels,
	state: certificateStateLabels,
	gender: { male: '男', female: '女' }
};

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function nameOf(kind: NameKind, id: unknown, names: AuditNames) {
	const n = typeof id === 'number' ? id : typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : null;
	return n === null ? undefined : names[kind].get(n);
}

/** One value in words; nested records are summarised (their fields named, the JSON is behind 原始记录). */
export function valueText(field: string, value: unknown, names: AuditNames): string {
	if (value === null || value === undefined || value === '') return '（空）';
	if (typeof value === 'boolean') return value ? '是' : '否';
	const kind = idFields[field];
	if (kind && (typeof value === 'number' || typeof value === 'string')) return nameOf(kind, value, names) ?? `（已删除或不可见的${fieldLabels[field] ?? '记录'}）`;
	if (typeof value === 'string') {
		const label = valueLabels[field]?.[value];
		if (label) return label;
		if (isoTime.test(value) && !Number.isNaN(Date.parse(value))) return formatShanghai(new Date(value), 'yyyy/M/d HH:mm');
		return value.length > 120 ? `${value.slice(0, 120)}…` : value;
	}
	if (typeof value === 'number') return String(value);
	if (Array.isArray(value)) {
		if (value.length === 0) return '（无）';
		if (value.every((v) => typeof v !== 'object' || v === null) && !field.endsWith('Ids') && field !== 'ids') {
			const shown = value.slice(0, 5).map((v) => valueText(field, v, names)).join('、');
			return value.length > 5 ? `${shown} 等 ${value.length} 项` : shown;
		}
		return `${value.length} 项`;
	}
	const keys = Object.keys(value as object);
	if (keys.length === 0) return '（无）';
	const shown = keys.slice(0, 4).map((k) => fieldLabels[k] ?? k).join('、');
	return keys.length > 4 ? `${shown} 等 ${keys.length} 项` : shown;
}

/** The entry's subject: 「人员 张三」, or 「考试（第 3 号）」 when it has no name to show. */
export function auditSubject(entityType: string, entityId: string | null, names: AuditNames): string {
	const kind = entityKinds[entityType] ?? { label: '记录' };
	if (!entityId) return kind.label;
	const name = kind.names ? nameOf(kind.names, entityId, names) : undefined;
	return name ? `${kind.label} ${name}` : `${kind.label}（第 ${entityId} 号）`;
}

export interface AuditChange {
	field: string;
	before: string | null;
	after: string | null;
}

function asRecord(v: unknown): Record<string, unknown> | null {
	return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/**
 * What changed, field by field: only fields whose value differs when both sides are records;
 * every field of the one side otherwise. A side that is not a record is one line.
 */
export function auditChanges(before: unknown, after: unknown, names: AuditNames): AuditChange[] {
	const b = asRecord(before);
	const a = asRecord(after);
	if ((before != null && !b) || (after != null && !a)) {
		return [{ field: '内容', before: before == null ? null : valueText('', before, names), after: after == null ? null : valueText('', after, names) }];
	}
	const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
	const changes: AuditChange[] = [];
	for (const f of fields) {
		const bv = b?.[f];
		const av = a?.[f];
		if (b && a && JSON.stringify(bv) === JSON.stringify(av)) continue;
		changes.push({ field: fieldLabels[f] ?? f, before: b ? valueText(f, bv, names) : null, after: a ? valueText(f, av, names) : null });
	}
	return changes;
}

/** The ids an entry mentions that have names, by kind, so a page loads them in one query each. */
export function mentionedIds(entries: { entityType: string; entityId: string | null; before: unknown; after: unknown }[]) {
	const ids: Record<NameKind, Set<number>> = { person: new Set(), orgUnit: new Set(), cohort: new Set(), course: new Set(), lesson: new Set() };
	const add = (kind: NameKind, v: unknown) => {
		const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : null;
		if (n !== null && Number.isSafeInteger(n) && n > 0 && n <= 2 ** 31 - 1) ids[kind].add(n);
	};
	for (const e of entries) {
		const kind = entityKinds[e.entityType]?.names;
		if (kind) add(kind, e.entityId);
		for (const side of [e.before, e.after]) {
			const r = asRecord(side);
			if (r) for (const [f, k] of Object.entries(idFields)) add(k, r[f]);
		}
	}
	return ids;
}
