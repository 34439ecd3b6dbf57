import type { AttendanceFacts } from '../attendance/completion-facts';
import type { FinalExamFacts } from '../quiz/completion-facts';
import type { ReflectionFacts } from './reflection-facts';
import { partLabels, type CompletionRule, type PartKey } from './rule';
import { formatShanghai } from '$lib/time/shanghai';

// THE completion evaluation: every screen, export, certificate and the development module's
// training status go through evaluateCompletion. Pure: inputs.ts gathers the facts from each feature.

export interface CompletionInputs {
	cohort: { status: 'open' | 'closed'; endsOn: string };
	lessons: { required: number; done: number };
	onlineHours: number;
	attendance: AttendanceFacts;
	/** the cohort's final exam, if it has one */
	exam: FinalExamFacts | null;
	reflection: ReflectionFacts | null;
}

export type PartState = 'met' | 'not_met' | 'pending';

export interface PartResult {
	key: PartKey;
	label: string;
	state: PartState;
	/** Chinese, with the figures: "线下出勤率 70%，要求不低于 80%" */
	reason: string;
}

export interface CompletionResult {
	state: PartState;
	parts: PartResult[];
	/** reasons of the parts not (yet) met, for "what is still lacking" */
	lacking: string[];
	hours: { online: number; offline: number; total: number };
	days: number;
	score: number | null;
	examPassed: boolean | null;
}

/** 12.5 → '12.5', 16 → '16', 3.333 → '3.33' */
export const num = (n: number) => String(Math.round(n * 100) / 100);
/** A percentage rounded DOWN to one decimal, so that "80%" is never shown for 79.96%. */
const pct = (part: number, whole: number) => `${num(Math.floor((part * 1000) / whole) / 10)}%`;

const when = (d: Date) => formatShanghai(d, 'M/d HH:mm');

/**
 * While the cohort is open, a part that may still be met is pending; once the cohort is closed
 * every unmet part is not met. `definite` marks what can no longer change (too many absences).
 */
function unmet(closed: boolean, definite = false): PartState {
	return closed || definite ? 'not_met' : 'pending';
}

function lessons(i: CompletionInputs, closed: boolean): [PartState, string] {
	const { required, done } = i.lessons;
	if (required === 0) return ['met', '本课程没有必修课时'];
	if (done >= required) return ['met', `必修课时已全部完成（${done}/${required}）`];
	return [unmet(closed), `必修课时完成 ${done}/${required}，尚差 ${required - done} 讲`];
}

function onlineHours(rule: CompletionRule, i: CompletionInputs, closed: boolean): [PartState, string] {
	const min = rule.minOnlineHours ?? 0;
	const cap = rule.onlineHoursCap === null ? '' : `（最多计入 ${num(rule.onlineHoursCap)}）`;
	if (i.onlineHours >= min) return ['met', `线上学时 ${num(i.onlineHours)}，要求不少于 ${num(min)}${cap}`];
	return [unmet(closed), `线上学时 ${num(i.onlineHours)}，要求不少于 ${num(min)}，尚差 ${num(min - i.onlineHours)}`];
}

function attendanceRate(min: number, a: AttendanceFacts, closed: boolean): [PartState, string] {
	const remaining = closed ? 0 : a.sessions - a.held;
	if (a.sessions === 0 || (closed && a.held === 0)) {
		return closed ? ['met', '本培训班没有线下课，不考核出勤率'] : ['pending', '尚未安排线下课'];
	}
	if (a.held === 0) return ['pending', `线下课尚未开始（共 ${a.sessions} 次），要求出勤率不低于 ${min}%`];
	const rate = pct(a.attended, a.held);
	const meets = a.attended * 100 >= min * a.held;
	if (remaining === 0) {
		return meets ? ['met', `线下出勤率 ${rate}，要求不低于 ${min}%`] : ['not_met', `线下出勤率 ${rate}，要求不低于 ${min}%`];
	}
	// Even attending every remaining session cannot reach the minimum: already decided.
	if ((a.attended + remaining) * 100 < min * a.sessions) {
		return ['not_met', `线下出勤率 ${rate}，即使余下 ${remaining} 次全部出勤也达不到要求的 ${min}%`];
	}
	return ['pending', `目前线下出勤率 ${rate}（已举行 ${a.held}/${a.sessions} 次），要求不低于 ${min}%，待全部线下课结束后确定`];
}

function absences(max: number, a: AttendanceFacts, closed: boolean): [PartState, string] {
	if (a.absent > max) return ['not_met', `无故缺勤 ${a.absent} 次，要求不超过 ${max} 次`];
	const remaining = closed ? 0 : a.sessions - a.held;
	if (remaining > 0) return ['pending', `目前无故缺勤 ${a.absent} 次（不超过 ${max} 次），尚有 ${remaining} 次线下课`];
	return ['met', `无故缺勤 ${a.absent} 次，要求不超过 ${max} 次`];
}

function finalExam(e: FinalExamFacts | null, closed: boolean, now: Date): [PartState, string] {
	if (!e) return [unmet(closed), closed ? '培训班未安排结业考试，无法认定考试合格' : '培训班尚未安排结业考试'];
	const mark = `及格线 ${num(e.passMark)} 分`;
	if (e.passed) return ['met', `${e.title} ${num(e.score ?? 0)} 分（${mark}）`];
	if (e.inProgress) return [unmet(closed), `${e.title}正在作答中`];
	if (e.attemptsUsed > 0 && e.score === null) return [unmet(closed), `${e.title}已交卷，成绩待评定`];
	const left = e.attemptsAllowed - e.attemptsUsed;
	const open = now < e.closesAt && left > 0;
	const failed = e.score === null ? '' : `${e.title} ${num(e.score)} 分，未达到${mark}`;
	if (open && !closed) {
		if (now < e.opensAt) return ['pending', `${failed ? failed + '；' : ''}${e.title}将于 ${when(e.opensAt)} 开放（截止 ${when(e.closesAt)}）`];
		return ['pending', failed ? `${failed}，还可再考 ${left} 次（截止 ${when(e.closesAt)}）` : `尚未参加${e.title}（截止 ${when(e.closesAt)}）`];
	}
	return ['not_met', failed ? `${failed}，已无剩余考试机会` : `未参加${e.title}（已于 ${when(e.closesAt)} 截止）`];
}

function reflection(min: number, r: ReflectionFacts | null, closed: boolean): [PartState, string] {
	if (!r) return [unmet(closed), `尚未提交心得体会（不少于 ${min} 字）`];
	if (r.chars < min) return [unmet(closed), `心得体会 ${r.chars} 字，少于要求的 ${min} 字`];
	if (r.status === 'approved') return ['met', `心得体会已审核通过（${r.chars} 字）`];
	if (r.status === 'returned') return [unmet(closed), `心得体会被退回${r.reviewComment ? `：${r.reviewComment}` : ''}，请修改后重新提交`];
	return [unmet(closed), `心得体会已提交（${r.chars} 字），待教师审核`];
}

export function evaluateCompletion(rule: CompletionRule, i: CompletionInputs, now: Date): CompletionResult {
	const closed = i.cohort.status === 'closed';
	const parts: PartResult[] = [];
	const add = (key: PartKey, [state, reason]: [PartState, string]) => parts.push({ key, label: partLabels[key], state, reason });
	if (rule.requireLessons) add('lessons', lessons(i, closed));
	if (rule.minOnlineHours !== null) add('online_hours', onlineHours(rule, i, closed));
	if (rule.minAttendanceRate !== null) add('attendance_rate', attendanceRate(rule.minAttendanceRate, i.attendance, closed));
	if (rule.maxUnexcusedAbsences !== null) add('absences', absences(rule.maxUnexcusedAbsences, i.attendance, closed));
	if (rule.requireFinalExam) add('final_exam', finalExam(i.exam, closed, now));
	if (rule.reflectionMinChars !== null) add('reflection', reflection(rule.reflectionMinChars, i.reflection, closed));

	const state: PartState = parts.some((p) => p.state === 'not_met') ? 'not_met' : parts.some((p) => p.state === 'pending') ? 'pending' : 'met';
	const online = Math.round(Math.min(i.onlineHours, rule.onlineHoursCap ?? Infinity) * 100) / 100;
	const offline = Math.round(i.attendance.offlineHours * 100) / 100;
	return {
		state,
		parts,
		lacking: parts.filter((p) => p.state !== 'met').map((p) => p.reason),
		hours: { online, offline, total: Math.round((online + offline) * 10) / 10 },
		days: i.attendance.days,
		score: i.exam?.score ?? null,
		examPassed: i.exam ? (i.exam.passed ?? false) : null
	};
}

export const stateLabels: Record<PartState, string> = { met: '已达到', not_met: '未达到', pending: '进行中' };
export const completionLabels: Record<PartState, string> = { met: '已结业', not_met: '未结业', pending: '学习中' };
