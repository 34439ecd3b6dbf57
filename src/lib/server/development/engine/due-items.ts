import { noticeEndDate } from './calendar';
import { addDays, addMonths, sameMonth, type CalendarDate } from './dates';
import { activistSince, approvalFor, decisionFor, latest, meetingFor, probationPeriod } from './dossier-lookups';
import { cadence } from './checks/periodic';
import type { EffectiveSettings } from './rule-types';
import type { EvaluationContext, MeetingPurpose, NoticeKind, PersonDossier } from './types';

export type DueStatus = 'due_this_month' | 'overdue' | 'upcoming';
export type DueItemKind =
	| 'talk'
	| 'one-year'
	| 'evaluation'
	| 'thought-report'
	| 'notice-end'
	| 'approval'
	| 'probation-end'
	| 'filing'
	| 'placement'
	| 'oath'
	| 'confirmation-application'
	| 'archive';

export interface DueItem {
	kind: DueItemKind;
	title: string;
	dueDate: CalendarDate;
	status: DueStatus;
	/** Set when the date was estimated without the calendar of these years. */
	missingYears?: number[];
}

/**
 * A deadline left unmet is overdue; a milestone (a date that merely arrives, like 满一年) is listed
 * in its month and then drops off the list.
 */
function statusOf(due: CalendarDate, today: CalendarDate, deadline: boolean): DueStatus | null {
	if (due < today) return deadline ? 'overdue' : sameMonth(due, today) ? 'due_this_month' : null;
	return sameMonth(due, today) ? 'due_this_month' : 'upcoming';
}

const noticeTitles: Record<NoticeKind, string> = { candidate: '发展对象公示期满', admission: '接收预备党员公示期满', confirmation: '转正公示期满' };

/** What falls due for one person: the branch's 「本月到期 / 已超期」 list is these, filtered by status. */
export function dueItems(d: PersonDossier, settings: EffectiveSettings, ctx: EvaluationContext): DueItem[] {
	const items: DueItem[] = [];
	const add = (kind: DueItemKind, title: string, dueDate: CalendarDate, deadline: boolean, missingYears: number[] = []) => {
		const status = statusOf(dueDate, ctx.today, deadline);
		if (status) items.push({ kind, title, dueDate, status, ...(missingYears.length ? { missingYears } : {}) });
	};
	const rules = settings.rules;

	if (d.stage === 'applicant' && d.application && !d.talks.some((t) => t.kind === 'application')) {
		add('talk', '与入党申请人谈话', addMonths(d.application.submittedOn, rules['talk-1m'].params.months), true);
	}
	const activistFrom = decisionFor(d, 'activist')?.decidedOn;
	if (d.stage === 'activist' && activistFrom) {
		const anchor = activistSince(d, rules['one-year'].params.anchor);
		if (anchor) add('one-year', '培养考察满一年，可讨论确定为发展对象', addMonths(anchor, rules['one-year'].params.months), false);
		const evaluation = cadence(activistFrom, d.evaluations, ctx.today, rules.evaluations.params.maxGapMonths);
		add('evaluation', '半年培养教育考察', evaluation.nextDue, true);
		if (settings.byTransition.to_candidate.includes('thought-reports')) {
			const reports = cadence(activistFrom, d.thoughtReports, ctx.today, rules['thought-reports'].params.intervalMonths);
			add('thought-report', '提交思想汇报', reports.nextDue, true);
		}
	}
	for (const kind of ['candidate', 'admission', 'confirmation'] as const) {
		const n = latest(d.publicNotices, (x) => x.startsOn, (x) => x.kind === kind);
		// A mistyped length is the notice check's to report; the due list just leaves it out.
		if (!n || !Number.isInteger(n.workingDays) || n.workingDays < 1) continue;
		const end = noticeEndDate(n.startsOn, n.workingDays, ctx.calendar);
		add('notice-end', noticeTitles[kind], end.value, false, end.missingYears);
	}
	const approvalDue = (purpose: MeetingPurpose, what: string) => {
		const m = meetingFor(d, purpose);
		if (!m || approvalFor(d, purpose)) return;
		const limit = addMonths(m.heldOn, rules['approval-3m'].params.months);
		if (ctx.today <= limit) add('approval', `党委审批${what}`, limit, true);
		else {
			const p = rules['approval-3m'].params;
			add('approval', `党委审批${what}（特殊情况最迟期限）`, addMonths(m.heldOn, purpose === 'confirmation' ? p.confirmationHardStopMonths : p.hardStopMonths), true);
		}
	};
	if (d.stage === 'candidate') approvalDue('admission', '接收预备党员');
	if (d.stage === 'probationary') {
		approvalDue('confirmation', '预备党员转正');
		const period = probationPeriod(d, rules['probation-1y'].params.months);
		if (period && !meetingFor(d, 'confirmation')) add('probation-end', '预备期满，应及时讨论转正', period.endsOn, true);
		if (period) probationSteps(d, settings, period, add);
	}
	const confirmed = d.stage === 'member' && approvalFor(d, 'confirmation');
	if (confirmed && !d.archives.some((a) => a >= confirmed.approvedOn)) {
		add('archive', '入党材料归档', addMonths(confirmed.approvedOn, rules.archive.params.months), true);
	}
	return items.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}

type Add = (kind: DueItemKind, title: string, dueDate: CalendarDate, deadline: boolean) => void;

/**
 * A probationary member's steps (§1 steps 18–22): after the approval the filing, the placement in a
 * party group and the oath; through probation the half-yearly 考察 and the thought reports (none due
 * after probation ends: the confirmation meeting comes first); at its end the written application.
 */
function probationSteps(d: PersonDossier, settings: EffectiveSettings, period: { startsOn: CalendarDate; endsOn: CalendarDate }, add: Add) {
	const rules = settings.rules;
	const approval = approvalFor(d, 'admission');
	if (approval) {
		const after = (dates: readonly CalendarDate[]) => dates.some((x) => x >= approval.approvedOn);
		const by = (months: number) => addMonths(approval.approvedOn, months);
		if (!d.filings.some((f) => f.stage === 'probationary' && f.filedOn >= approval.approvedOn)) {
			add('filing', '接收预备党员报上级组织部门备案', by(rules['admission-filed'].params.months), true);
		}
		if (!after(d.placements)) add('placement', '编入党支部和党小组', by(rules.placement.params.months), true);
		if (!after(d.oaths)) add('oath', '组织入党宣誓', by(rules.oath.params.months), true);
	}
	if (meetingFor(d, 'confirmation')) return;
	const upTo = (nextDue: CalendarDate) => nextDue <= period.endsOn;
	const evaluation = cadence(period.startsOn, d.evaluations, period.endsOn, rules['probation-evaluations'].params.maxGapMonths);
	if (upTo(evaluation.nextDue)) add('evaluation', '预备期半年考察', evaluation.nextDue, true);
	if (settings.byTransition.to_member.includes('probation-thought-reports')) {
		const reports = cadence(period.startsOn, d.thoughtReports, period.endsOn, rules['probation-thought-reports'].params.intervalMonths);
		if (upTo(reports.nextDue)) add('thought-report', '预备期提交思想汇报', reports.nextDue, true);
	}
	const earliest = addDays(period.endsOn, -rules['confirmation-application'].params.earliestDaysBefore);
	if (!d.confirmationApplications.some((x) => x >= earliest)) add('confirmation-application', '本人提交书面转正申请', period.endsOn, true);
}
