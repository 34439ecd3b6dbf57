import type { AttendanceStatus, FlagKind, LeaveStatus, SessionKind } from './tables';

// Attendance's labels; its pages receive them from their loads (the site-wide ones are in $lib/labels.ts).
export const sessionKindLabels: Record<SessionKind, string> = {
	lecture: '讲座',
	discussion: '讨论',
	practice: '实践',
	exam: '考试'
};

export const attendanceStatusLabels: Record<AttendanceStatus, string> = {
	present: '出勤',
	late: '迟到',
	early_leave: '早退',
	leave: '请假',
	absent: '缺勤'
};

export const leaveStatusLabels: Record<LeaveStatus, string> = {
	pending: '待审批',
	approved: '已批准',
	refused: '未批准'
};

export const flagKindLabels: Record<FlagKind, string> = {
	shared_device: '同一设备签到多个账号',
	outside_network: '不在允许的网络范围内',
	outside_location: '不在上课地点附近',
	no_location: '未提供位置',
	expired_code: '使用已过期的签到码',
	bad_code: '签到码错误'
};

export const options = <K extends string>(labels: Record<K, string>) =>
	(Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
