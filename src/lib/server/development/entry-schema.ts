import { z } from 'zod';
import { isCalendarDate } from './dates';
import type { EntryKind } from './tables';

// What each kind of dated entry carries in `details`, validated once here for the forms, the
// import and the transitions alike. Messages are Chinese: they reach the secretary as they are.

const note = z.string().trim().max(500, '备注不能超过500字').optional().default('');
const count = (label: string) =>
	z.coerce.number({ message: `请填写${label}` }).int(`${label}应为整数`).min(0, `${label}不能为负数`).max(10000, `${label}过大，请核对`);

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
	admission_form: z.object({ note }),
	branch_meeting: z.object({
		purpose: z.enum(['admission', 'confirmation', 'extension', 'cancellation'], { message: '请选择表决事项' }),
		membersWithVotingRights: count('应到会有表决权的党员人数'),
		present: count('实到人数'),
		votesFor: count('赞成票'),
		votesAgainst: count('反对票'),
		abstentions: count('弃权票'),
		fullMembersExpected: count('应到会有表决权的正式党员人数'),
		months: z.coerce.number().int().min(0).max(12).optional(),
		note
	}),
	approval: z.object({
		purpose: z.enum(['admission', 'confirmation', 'extension', 'cancellation']),
		approverOrgUnitId: z.number().int().nullable(),
		approverName: z.string(),
		approverKind: z.enum(['committee', 'general_branch']),
		note
	}),
	probation_extension: z.object({ months: z.coerce.number().int().min(1).max(24), note }),
	placement: z.object({ group: z.string().trim().max(50).optional().default(''), note }),
	oath: z.object({ note }),
	confirmation_application: z.object({ note }),
	archive: z.object({ note }),
	external_training: z.object({
		trainingKind: z.enum(['activist', 'candidate', 'probationary'], { message: '请选择培训类别' }),
		serial: z.string().trim().min(1, '请填写证书编号').max(60),
		issuer: z.string().trim().min(1, '请填写颁发单位').max(100),
		validUntil: z.union([z.literal('').transform(() => null), z.string().refine(isCalendarDate, '有效期应为 YYYY-MM-DD'), z.null()]).default(null),
		offlineHours: z.coerce.number().min(0).max(500).default(0),
		onlineHours: z.coerce.number().min(0).max(500).default(0),
		days: z.coerce.number().int().min(0).max(60).default(0),
		examPassed: z.coerce.boolean().default(true),
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

/**
 * Counts that cannot be true of one meeting are refused at entry; whether the vote carried is the
 * `vote` check's (第二十条) to say, so a lost vote is still recorded as what happened.
 */
export function meetingCountErrors(m: EntryDetails<'branch_meeting'>): string[] {
	const errors: string[] = [];
	const cast = m.votesFor + m.votesAgainst + m.abstentions;
	if (m.membersWithVotingRights === 0) errors.push('应到会有表决权的党员人数不能为0');
	if (m.present > m.membersWithVotingRights) errors.push(`实到人数（${m.present}）超过应到人数（${m.membersWithVotingRights}）`);
	if (cast > m.present) errors.push(`赞成、反对、弃权合计${cast}票，超过实到人数（${m.present}）`);
	if (m.fullMembersExpected > m.membersWithVotingRights) errors.push(`应到会正式党员（${m.fullMembersExpected}）超过应到会有表决权的党员（${m.membersWithVotingRights}）`);
	if (m.purpose === 'extension' && !(m.months && m.months >= 1)) errors.push('延长预备期须填写延长的月数');
	return errors;
}

/** 第二十条 as a sentence for the secretary right after saving: quorum, then the majority of all full members. */
export function meetingOutcome(m: EntryDetails<'branch_meeting'>): { carried: boolean; text: string } {
	const quorum = m.present > m.membersWithVotingRights / 2;
	if (!quorum) return { carried: false, text: `到会${m.present}人，未超过应到会${m.membersWithVotingRights}人的半数，会议无效` };
	const carried = m.votesFor > m.fullMembersExpected / 2;
	return carried
		? { carried, text: `赞成${m.votesFor}票，超过应到会正式党员${m.fullMembersExpected}人的半数，表决通过` }
		: { carried, text: `赞成${m.votesFor}票，未超过应到会正式党员${m.fullMembersExpected}人的半数，表决未通过` };
}
