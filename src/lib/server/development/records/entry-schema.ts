import { z } from 'zod';
import { calendarDate, text } from '$lib/validation/fields';
import { excusedReasons } from '$lib/development/meeting-roll';
import { isCalendarDate } from '../engine/dates';
import type { EntryKind } from '../tables';

// What each kind of dated entry carries in `details`, validated once here for the forms, the
// import and the transitions alike. Messages are Chinese: they reach the secretary as they are.

const note = z.string().trim().max(500, '备注不能超过500字').optional().default('');
const hours = (label: string) =>
	z.coerce.number({ message: `${label}应为数字` }).min(0, `${label}不能为负数`).max(500, `${label}过大，请核对`).default(0);
const count = (label: string) =>
	z.coerce.number({ message: `请填写${label}` }).int(`${label}应为整数`).min(0, `${label}不能为负数`).max(10000, `${label}过大，请核对`);

const derivedOnly = z.unknown().refine((v) => v === undefined, '应到会人数由系统按支部党员名册核定，不能手工填写；如有按规定不计入的党员，请逐一列明并说明原因').optional();

export const lateApproval = z.object({
	reason: text('超过三个月审批的特殊理由', { max: 300 }).default(''),
	decidedOn: z.union([z.literal('').transform(() => null), calendarDate('党委延长审批期限的决定日期'), z.null()]).default(null),
	decision: text('党委延长审批期限的决定（会议或文号）', { max: 100 }).default('')
});

export const detailsSchemas = {
	application: z.object({ note }),
	talk: z.object({
		purpose: z.enum(['application', 'pre_approval'], { message: '请选择谈话类型' }),
		by: z.enum(['branch', 'committee_member', 'organizer'], { message: '请选择谈话人身份' }),
		talker: z.string().trim().max(50).optional().default(''),
		note
	}),
	nomination: z.object({ kind: z.enum(['member', 'league_recommendation', 'league_opinion'], { message: '请选择推荐方式' }), note }),
	decision: z.object({
		stage: z.enum(['activist', 'candidate'], { message: '请选择决定事项' }),
		body: z.enum(['branch_committee', 'branch_meeting'], { message: '请选择作出决定的会议' }),
		note
	}),
	filing: z.object({ stage: z.enum(['activist', 'candidate', 'probationary', 'member'], { message: '请选择备案事项' }), note }),
	evaluation: z.object({ note }),
	thought_report: z.object({ note }),
	opinion: z.object({ source: z.enum(['party_group', 'mentors', 'members', 'masses'], { message: '请选择意见来源' }), note }),
	public_notice: z.object({
		kind: z.enum(['candidate', 'admission', 'confirmation'], { message: '请选择公示事项' }),
		workingDays: z.coerce.number({ message: '请填写公示天数' }).int('公示天数应为整数').min(1, '公示至少1个工作日').max(30, '公示天数过大，请核对'),
		unresolvedObjections: z.coerce.boolean().default(false),
		note
	}),
	political_review: z.object({ conclusion: z.enum(['qualified', 'unqualified'], { message: '请选择政审结论' }), note }),
	branch_review: z.object({ note }),
	pre_review: z.object({ passed: z.coerce.boolean(), note }),
	// The printed serial identifies the form through the meeting, approval and archive (第十九条).
	admission_form: z.object({ serial: text('入党志愿书编号', { min: 1, max: 40 }), note }),
	branch_meeting: z.object({
		purpose: z.enum(['admission', 'confirmation', 'extension', 'cancellation'], { message: '请选择表决事项' }),
		// Who should attend is the server's to derive from the branch roll (meeting-roll.ts), never typed.
		membersWithVotingRights: derivedOnly,
		fullMembersExpected: derivedOnly,
		present: count('实到人数'),
		votesFor: count('赞成票'),
		votesAgainst: count('反对票'),
		abstentions: count('弃权票'),
		months: z.coerce.number().int().min(0).max(12).optional(),
		excused: z
			.array(
				z.object({
					personId: z.coerce.number({ message: '不计入应到会人数的人员无效' }).int('不计入应到会人数的人员无效').positive('不计入应到会人数的人员无效').max(2_147_483_647, '不计入应到会人数的人员无效'),
					reason: z.enum(excusedReasons, { message: '请选择不计入应到会人数的原因' }),
					note: text('不计入应到会人数的具体情况', { min: 2, max: 200 })
				}),
				{ message: '不计入应到会人数的名单格式有误' }
			)
			.max(1000, '不计入应到会人数的名单过长')
			.optional()
			.default([]),
		note
	}),
	approval: z.object({
		purpose: z.enum(['admission', 'confirmation', 'extension', 'cancellation']),
		approverOrgUnitId: z.number().int().nullable(),
		approverName: z.string(),
		approverKind: z.enum(['committee', 'general_branch']),
		// Beyond 3 months (「特殊情况」): the reason and the committee's decision to extend the time.
		late: lateApproval.nullable().optional(),
		// Written by the extension or cancellation decided before probation ended (第三十二条第三款).
		earlyGround: z.object({ ground: z.literal('discipline'), description: text('违犯党纪的具体情况', { min: 1, max: 500 }) }).nullable().optional(),
		note
	}),
	probation_extension: z.object({ months: z.coerce.number().int().min(1).max(24), note }),
	placement: z.object({ group: z.string().trim().max(50).optional().default(''), note }),
	oath: z.object({ note }),
	confirmation_application: z.object({ note }),
	archive: z.object({ note }),
	external_training: z.object({
		trainingKind: z.enum(['activist', 'candidate', 'probationary'], { message: '请选择培训类别' }),
		serial: z.string().trim().min(1, '请填写证书编号').max(60, '证书编号不能超过60字'),
		// The party school that issued it: what a committee checks the scan against.
		issuer: z.string().trim().min(1, '请填写颁发证书的党校名称').max(100, '党校名称不能超过100字'),
		validUntil: z.union([z.literal('').transform(() => null), z.string().refine(isCalendarDate, '有效期应为 YYYY-MM-DD'), z.null()]).default(null),
		offlineHours: hours('线下学时'),
		onlineHours: hours('线上学时'),
		days: z.coerce.number({ message: '线下培训天数应为数字' }).int('线下培训天数应为整数').min(0, '线下培训天数不能为负数').max(60, '线下培训天数过大，请核对').default(0),
		examPassed: z.boolean({ message: '请选择结业考试是否合格' }).default(true),
		note
	}),
	transfer_in: z.object({ from: z.string().trim().min(1, '请填写转出单位').max(100), note }),
	stage_change: z.object({
		transition: z.string(),
		from: z.string().nullable(),
		to: z.string(),
		settingsVersionId: z.number().nullable(),
		ruleSetId: z.string().nullable(),
		warnings: z.array(z.string()).default([]),
		exemptions: z.array(z.string()).default([])
	})
} satisfies Record<EntryKind, z.ZodType>;

export type EntryDetails<K extends EntryKind> = z.infer<(typeof detailsSchemas)[K]>;

/** Kinds a person records directly; the others are written by transitions (and the import). */
export const recordableKinds = [
	'talk', 'nomination', 'decision', 'filing', 'evaluation', 'thought_report', 'opinion', 'public_notice',
	'political_review', 'branch_review', 'pre_review', 'admission_form', 'branch_meeting', 'placement', 'oath',
	'confirmation_application', 'archive', 'external_training', 'transfer_in'
] as const satisfies readonly EntryKind[];
export type RecordableKind = (typeof recordableKinds)[number];

/** Who may record an entry: the branch, the higher committee, or the League (推优). */
export type EntryLevel = 'branch' | 'committee' | 'league';

export function levelOf(kind: RecordableKind, details: Record<string, unknown>): EntryLevel {
	if (kind === 'filing' || kind === 'pre_review') return 'committee';
	if (kind === 'talk' && details.purpose === 'pre_approval') return 'committee';
	if (kind === 'nomination' && details.kind !== 'member') return 'league';
	return 'branch';
}

export type ParsedDetails = { ok: true; details: Record<string, unknown> } | { ok: false; errors: string[] };

export function parseDetails(kind: EntryKind, input: unknown): ParsedDetails {
	const parsed = detailsSchemas[kind].safeParse(input);
	if (!parsed.success) return { ok: false, errors: [...new Set(parsed.error.issues.map((i) => i.message))] };
	return { ok: true, details: parsed.data as Record<string, unknown> };
}

/** A meeting's counts once the server has derived who should attend (`membersWithVotingRights`) from the roll. */
export interface MeetingFigures {
	purpose: EntryDetails<'branch_meeting'>['purpose'];
	membersWithVotingRights: number;
	present: number;
	votesFor: number;
	votesAgainst: number;
	abstentions: number;
	months?: number;
	note?: string;
}

/**
 * Counts that cannot be true of one meeting are refused at entry; whether the vote carried is the
 * `vote` check's (第二十条) to say, so a lost vote is still recorded as what happened.
 */
export function meetingCountErrors(m: MeetingFigures): string[] {
	const errors: string[] = [];
	const cast = m.votesFor + m.votesAgainst + m.abstentions;
	if (m.present > m.membersWithVotingRights) errors.push(`实到人数（${m.present}）超过应到会有表决权的正式党员（${m.membersWithVotingRights}人）`);
	if (cast > m.present) errors.push(`赞成、反对、弃权合计${cast}票，超过实到人数（${m.present}）`);
	if (m.purpose === 'extension' && !(m.months && m.months >= 1)) errors.push('延长预备期须填写延长的月数');
	return errors;
}

/**
 * 第二十条 as a sentence for the secretary right after saving: quorum, then the majority of all full
 * members with voting rights (预备党员 have no vote: one set for both).
 */
export function meetingOutcome(m: MeetingFigures): { carried: boolean; text: string } {
	const expected = m.membersWithVotingRights;
	const quorum = m.present > expected / 2;
	if (!quorum) return { carried: false, text: `到会${m.present}人，未超过应到会${expected}人的半数，会议无效` };
	const carried = m.votesFor > expected / 2;
	return carried
		? { carried, text: `赞成${m.votesFor}票，超过应到会有表决权的正式党员${expected}人的半数，表决通过` }
		: { carried, text: `赞成${m.votesFor}票，未超过应到会有表决权的正式党员${expected}人的半数，表决未通过` };
}
