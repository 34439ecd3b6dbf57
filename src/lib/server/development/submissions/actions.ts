import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuthUser } from '../../auth/session';
import { can } from '../../auth/authz';
import { appendAudit } from '../../audit/log';
import { transact } from '../../db/transact';
import { text } from '$lib/validation/fields';
import { submissionKindLabels } from '$lib/development/submission-labels';
import { todayInShanghai } from '../engine/dates';
import { recordEntry } from '../records/entries';
import { attachmentExists, lockPerson, type LockedPerson } from '../records/people';
import { performTransition } from '../transitions/perform';
import { periodLabel, periodOf } from './periods';
import { submissionKinds, type SubmissionKind } from './table';

// Applicants, activists and mentors hand in online; the branch accepts (the entry the engine reads
// is written then, dated by the acceptance) or returns with a reason. Every change is one
// transaction under the person's lock, with its audit entry.

export type SubmissionResult = { ok: true; id: number; message: string } | { ok: false; status: 400 | 403 | 404; errors: string[] };

export interface SubmissionInput {
	kind: string;
	body: string;
	attachmentId?: string | null;
}

/** Handed in by the person themselves (self) or by their mentor (mentors). */
const byMentor = (kind: SubmissionKind) => kind === 'mentor_opinion' || kind === 'evaluation';
/** The stages each kind is about: reports and evaluations run from the activist's decision to confirmation. */
const stagesFor: Record<Exclude<SubmissionKind, 'application'>, readonly string[]> = {
	thought_report: ['applicant', 'activist', 'candidate', 'probationary'],
	mentor_opinion: ['activist', 'candidate'],
	evaluation: ['activist', 'candidate', 'probationary']
};
const bodyField = text('内容', { max: 20000 });
const refuse = (status: 400 | 403 | 404, error: string): SubmissionResult => ({ ok: false, status, errors: [error] });

/** Whether `supporterId` is the person's 培养联系人 on `day`: assignedOn <= day < endedOn. */
export async function mentorsOn(db: Kysely<Database>, supporterId: number, personId: number, day: string) {
	const row = await db
		.selectFrom('developmentSupporter')
		.select('id')
		.where('personId', '=', personId)
		.where('supporterId', '=', supporterId)
		.where('role', '=', 'mentor')
		.where('assignedOn', '<=', day)
		.where((eb) => eb.or([eb('endedOn', 'is', null), eb('endedOn', '>', day)]))
		.executeTakeFirst();
	return !!row;
}

async function stageOf(trx: Transaction<Database>, personId: number) {
	return trx
		.selectFrom('person as p')
		.leftJoin('developmentRecord as r', 'r.personId', 'p.id')
		.select(['p.politicalStatus', 'r.stage'])
		.where('p.id', '=', personId)
		.executeTakeFirstOrThrow();
}

export async function submit(db: Kysely<Database>, actor: AuthUser, personId: number, input: SubmissionInput, options: { now?: Date } = {}): Promise<SubmissionResult> {
	const kind = input.kind as SubmissionKind;
	if (!submissionKinds.includes(kind)) return refuse(400, '请选择要提交的材料');
	const label = submissionKindLabels[kind];
	const attachmentId = input.attachmentId || null;
	const today = todayInShanghai(options.now);
	const period = periodOf(kind, today);

	return transact(db, async (trx): Promise<SubmissionResult> => {
		const person = await lockPerson(trx, personId);
		if (!person) return refuse(404, '未找到该人员');
		if (byMentor(kind)) {
			const mentors = await mentorsOn(trx, actor.id, personId, today);
			if (!can(actor, 'development.mentor', { orgPath: person.path, mentors })) return refuse(403, `您不是${person.name}的现任培养联系人，不能填写${label}`);
		} else if (!can(actor, 'development.submit', { orgPath: person.path, personId })) {
			return refuse(403, `只能提交本人的${label}`);
		}
		const { politicalStatus, stage } = await stageOf(trx, personId);
		if (kind === 'application') {
			if (person.open) return refuse(400, '您已有入党申请记录，无需重复递交入党申请书');
			if (politicalStatus !== 'masses' && politicalStatus !== 'league_member') return refuse(400, '您的政治面貌不能递交入党申请书，请联系所在党支部');
		} else if (!person.open || !stage || !stagesFor[kind].includes(stage)) {
			// Nothing of the kind is asked of this person now: the form is not theirs to post (403, as the matrix expects).
			return refuse(403, byMentor(kind) ? `${person.name}当前不在需要${label}的阶段` : `您当前不在需要提交${label}的阶段`);
		}
		// The content is checked once the form is known to be the poster's: someone else's form is refused as such.
		const parsed = bodyField.safeParse(input.body ?? '');
		if (!parsed.success) return { ok: false, status: 400, errors: [parsed.error.issues[0].message] };
		const body = parsed.data;
		if (!body && !attachmentId) return refuse(400, `请填写${label}的内容，或上传扫描件`);
		if (body && body.length < 10) return refuse(400, `${label}内容过短（至少 10 个字）`);
		const live = await trx
			.selectFrom('developmentSubmission')
			.select(['status'])
			.where('personId', '=', personId)
			.where('kind', '=', kind)
			.where('status', '<>', 'returned')
			.where((eb) => (kind === 'application' ? eb('status', '=', 'submitted') : eb.and([eb('authorId', '=', actor.id), eb('period', '=', period)])))
			.executeTakeFirst();
		if (live) {
			const when = kind === 'application' ? '' : periodLabel(period);
			return refuse(400, `${when}${label}已提交（${live.status === 'submitted' ? '待支部受理' : '支部已受理'}），不能重复提交`);
		}
		if (!(await attachmentExists(trx, attachmentId))) return refuse(400, '附件不存在，请重新上传');
		const row = await trx
			.insertInto('developmentSubmission')
			.values({ personId, kind, period, authorId: actor.id, body, attachmentId })
			.returning('id')
			.executeTakeFirstOrThrow();
		await appendAudit(trx, {
			actorId: actor.id,
			action: 'development.submission',
			entityType: 'person',
			entityId: personId,
			after: { submissionId: row.id, kind, period, attachmentId, bodyLength: body.length }
		});
		return { ok: true, id: row.id, message: `已提交${kind === 'application' ? '' : periodLabel(period)}${label}，等待党支部受理` };
	});
}

/** The submission and its person, locked; refused unless the actor acts for the branch over the person. */
async function decidable(trx: Transaction<Database>, actor: AuthUser, submissionId: number) {
	if (!Number.isSafeInteger(submissionId) || submissionId <= 0 || submissionId > 2_147_483_647) return { error: refuse(404, '未找到该材料') };
	const first = await trx.selectFrom('developmentSubmission').select('personId').where('id', '=', submissionId).executeTakeFirst();
	if (!first) return { error: refuse(404, '未找到该材料') };
	const person = (await lockPerson(trx, first.personId)) as LockedPerson;
	const sub = await trx.selectFrom('developmentSubmission').selectAll().where('id', '=', submissionId).executeTakeFirstOrThrow();
	if (!can(actor, 'development.record', { orgPath: person.path })) return { error: refuse(403, '您无权受理该同志的材料') };
	// Nobody accepts what is about themselves: a secretary's own 思想汇报 goes to someone else.
	if (sub.personId === actor.id) return { error: refuse(403, '不能受理本人的材料') };
	if (sub.status !== 'submitted') return { error: refuse(400, `该材料${sub.status === 'accepted' ? '已受理' : '已退回'}，不能再处理`) };
	return { person, sub };
}

export async function acceptSubmission(db: Kysely<Database>, actor: AuthUser, submissionId: number, options: { now?: Date } = {}): Promise<SubmissionResult> {
	const now = options.now ?? new Date();
	const today = todayInShanghai(now);
	return transact(db, async (trx): Promise<SubmissionResult> => {
		const got = await decidable(trx, actor, submissionId);
		if ('error' in got) return got.error!;
		const { person, sub } = got;
		const label = submissionKindLabels[sub.kind];
		const author = sub.authorId === sub.personId ? '本人' : ((await trx.selectFrom('person').select('name').where('id', '=', sub.authorId).executeTakeFirst())?.name ?? '');
		const note = `网上提交（材料第${sub.id}号，${sub.kind === 'application' ? '' : periodLabel(sub.period)}，${author}提交）`;
		let entryId: number;
		if (sub.kind === 'application') {
			const r = await performTransition(trx, actor, sub.personId, { transition: 'apply', on: today, note, attachmentId: sub.attachmentId });
			if (!r.ok) return { ok: false, status: r.status, errors: r.reasons.length ? r.reasons : [r.message] };
			const entry = await trx
				.selectFrom('developmentEntry')
				.select('id')
				.where('id', 'in', r.entryIds.length ? r.entryIds : [0])
				.where('kind', '=', 'application')
				.executeTakeFirstOrThrow();
			entryId = entry.id;
		} else {
			const kind = sub.kind === 'mentor_opinion' ? 'opinion' : sub.kind;
			const details = sub.kind === 'mentor_opinion' ? { source: 'mentors', note } : { note };
			const r = await recordEntry(trx, actor, sub.personId, { kind, occurredOn: today, details, attachmentId: sub.attachmentId }, { now });
			if (!r.ok) return r;
			entryId = r.id;
		}
		await trx.updateTable('developmentSubmission').set({ status: 'accepted', decidedBy: actor.id, decidedAt: now, entryId }).where('id', '=', sub.id).execute();
		await appendAudit(trx, {
			actorId: actor.id,
			action: 'development.submission_accept',
			entityType: 'person',
			entityId: sub.personId,
			after: { submissionId: sub.id, kind: sub.kind, period: sub.period, entryId, occurredOn: today }
		});
		return { ok: true, id: sub.id, message: `已受理${person.name}的${label}，记入纪实档案（${today}）` };
	});
}

export async function returnSubmission(db: Kysely<Database>, actor: AuthUser, submissionId: number, reason: string, options: { now?: Date } = {}): Promise<SubmissionResult> {
	return transact(db, async (trx): Promise<SubmissionResult> => {
		const got = await decidable(trx, actor, submissionId);
		if ('error' in got) return got.error!;
		const parsed = text('退回原因', { min: 2, max: 300 }).safeParse(reason ?? '');
		if (!parsed.success) return { ok: false, status: 400, errors: [parsed.error.issues[0].message] };
		const why = parsed.data;
		const { person, sub } = got;
		await trx
			.updateTable('developmentSubmission')
			.set({ status: 'returned', decidedBy: actor.id, decidedAt: options.now ?? new Date(), returnReason: why })
			.where('id', '=', sub.id)
			.execute();
		await appendAudit(trx, {
			actorId: actor.id,
			action: 'development.submission_return',
			entityType: 'person',
			entityId: sub.personId,
			after: { submissionId: sub.id, kind: sub.kind, period: sub.period, reason: why }
		});
		return { ok: true, id: sub.id, message: `已退回${person.name}的${submissionKindLabels[sub.kind]}` };
	});
}
