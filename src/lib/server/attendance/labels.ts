import type { AttendanceStatus, FlagKind, LeaveStatus, SessionKind } from './tables';
import type { Refusal } from './check-in';
import { shanghaiDayTime, shanghaiRange } from '$lib/time/shanghai';

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

/** Why a check-in or check-out was refused, in words a learner can act on. */
export const refusalMessages: Record<Refusal, string> = {
	not_found: '未找到该课程，或您不是该培训班的学员',
	forged_scan: '签到链接无效，请重新扫描屏幕上的二维码',
	other_session_scan: '该签到链接不属于这节课，请重新扫描屏幕上的二维码',
	stale_scan: '扫码已超过 3 分钟，签到码已失效，请重新扫描屏幕上的二维码',
	cancelled: '该课程已取消',
	no_open_session: '您当前没有正在签到的课程',
	throttled: '签到码错误次数过多，请 10 分钟后再试，或请授课教师为您登记',
	bad_code: '签到码不正确，请核对屏幕上的数字',
	expired_code: '签到码已过期，请扫描屏幕上最新的二维码或输入最新的数字',
	future_code: '签到码尚未生效，请稍后再试',
	not_open: '签到尚未开始',
	closed: '签到已结束，如有疑问请联系授课教师',
	outside_network: '当前网络不在本课程允许的签到范围内，请连接校园网络（如教室 Wi-Fi）后重试',
	outside_location: '您当前的位置不在上课地点附近，请到上课地点后再签到',
	location_required: '本课程要求在上课地点签到，但未能获取您的位置。请在浏览器（或手机系统）设置中允许本网站使用定位后重试',
	shared_device: '此设备已为其他账号签到，同一设备不能为多人签到。此情况已记录',
	not_checked_in: '您尚未签到，不能签退',
	no_checkout: '本课程无需签退',
	already_out: '您已签退',
	marked: '授课教师已登记您本次课程的考勤，如有疑问请联系授课教师'
};

/** What a learner reads about a 集中授课 wherever it is listed or opened (/my/sessions, its page). */
export function learnerSessionHeading(s: {
	id: number; title: string; kind: SessionKind; startsAt: Date; endsAt: Date; place: string | null;
	cohortName: string; instructorName: string | null; status: string; notice: string | null; noticeAt: Date | null;
}) {
	return {
		id: s.id,
		title: s.title,
		kind: sessionKindLabels[s.kind],
		when: shanghaiRange(s.startsAt, s.endsAt),
		place: s.place,
		cohortName: s.cohortName,
		instructorName: s.instructorName,
		cancelled: s.status === 'cancelled',
		notice: s.notice,
		noticeAt: s.noticeAt ? shanghaiDayTime(s.noticeAt) : null
	};
}
