import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { text } from '$lib/validation/fields';
import type { AuthUser } from '../../auth/session';
import { appendAudit } from '../../audit/log';
import { transact } from '../../db/transact';
import { entryKindLabels, nominationLabels } from '$lib/development/labels';
import { developmentRights } from '../access';
import { isCalendarDate, todayInShanghai } from '../engine/dates';
import { levelOf, meetingCountErrors, meetingOutcome, parseDetails, recordableKinds, type EntryDetails, type MeetingFigures, type RecordableKind } from './entry-schema';
import { branchRoll, deriveFigures } from './meeting-roll';
import { confirmedOnRecording, externalTrainingErrors, externalTrainingStanding } from './external-training';
import { attachmentExists, lockPerson } from './people';

export interface EntryInput {
	kind: string;
	occurredOn: string;
	details: Record<string, unknown>;
	attachmentId?: string | null;
}

export type EntryResult = { ok: true; id: number; message: string } | { ok: false; status: 400 | 403 | 404; errors: string[] };

const levelWords = { branch: '支部', committee: '上级党委（组织员或组织部）', league: '团组织' } as const;

/** Records one dated step of a person's 纪实档案, authorised by who takes that step, and audited. */
export async function recordEntry(db: Kysely<Database>, actor: AuthUser, personId: number, input: EntryInput, options: { now?: Date } = {}): Promise<EntryResult> {
	const kind = input.kind as RecordableKind;
	if (!(recordableKinds as readonly string[]).includes(kind)) return { ok: false, status: 400, errors: ['请选择要登记的事项'] };
	const parsed = parseDetails(kind, input.details);
	const errors = parsed.ok ? [] : [...parsed.errors];
	const today = todayInShanghai(options.now);
	if (!isCalendarDate(input.occurredOn)) errors.push('请填写日期（YYYY-MM-DD）');
	else if (input.occurredOn > today) errors.push('日期不能晚于今天');
	else if (input.occurredOn < '1950-01-01') errors.push('日期过早，请核对');
	if (parsed.ok && kind === 'external_training') errors.push(...externalTrainingErrors(parsed.details, input.occurredOn, input.attachmentId));
	if (!parsed.ok || errors.length) return { ok: false, status: 400, errors };
	let details = parsed.details;

	return transact(db, async (trx): Promise<EntryResult> => {
		const person = await lockPerson(trx, personId);
		if (!person) return { ok: false, status: 404, errors: ['未找到该人员'] };
		const rights = developmentRights(actor, person.path);
		const level = levelOf(kind, details);
		if (!rights[level]) return { ok: false, status: 403, errors: [`「${entryKindLabels[kind]}」须由${levelWords[level]}登记，您无权为该人员登记`] };
		if (!person.open) return { ok: false, status: 400, errors: ['尚未登记入党申请，请先登记入党申请书'] };
		if (!(await attachmentExists(trx, input.attachmentId))) return { ok: false, status: 400, errors: ['附件不存在，请重新上传'] };
		const confirmation = kind === 'external_training' ? confirmedOnRecording(actor, rights) : {};
		if (kind === 'branch_meeting') {
			const figures = await meetingFigures(trx, personId, input.occurredOn, details as EntryDetails<'branch_meeting'>);
			if (!figures.ok) return { ok: false, status: 400, errors: figures.errors };
			details = figures.details;
		}
		const done = (id: number, confirmed = 'confirmedBy' in confirmation): EntryResult => ({
			ok: true,
			id,
			message: recordedMessage(kind, input.occurredOn, details) + (kind === 'external_training' ? externalTrainingStanding(confirmed) : '')
		});
		// The natural key of an entry: the same step on the same day with the same details, not
		// voided, is a repeat (a double click, a retry) and answers as the first one did. The
		// person's lock makes this check and the insert one step for every caller. (The inner cast
		// keeps postgres.js from typing the parameter jsonb and sending it as a JSON string.)
		const same = await trx
			.selectFrom('developmentEntry')
			.select(['id', 'confirmedAt'])
			.where('personId', '=', personId)
			.where('kind', '=', kind)
			.where('occurredOn', '=', input.occurredOn)
			.where('voidedAt', 'is', null)
			.where(sql<boolean>`details = cast(cast(${JSON.stringify(details)} as text) as jsonb)`)
			.orderBy('id')
			.executeTakeFirst();
		if (same) return done(same.id, same.confirmedAt !== null);
		const row = await trx
			.insertInto('developmentEntry')
			.values({ personId, kind, occurredOn: input.occurredOn, details, recordedBy: actor.id, attachmentId: input.attachmentId ?? null, ...confirmation })
			.returning('id')
			.executeTakeFirstOrThrow();
		await appendAudit(trx, {
			actorId: actor.id,
			action: 'development.entry',
			entityType: 'person',
			entityId: personId,
			after: { entryId: row.id, kind, occurredOn: input.occurredOn, details, attachmentId: input.attachmentId ?? null, ...(kind === 'external_training' ? { confirmed: 'confirmedBy' in confirmation } : {}) }
		});
		return done(row.id);
	});
}

/**
 * Who should attend comes from the branch roll on the meeting day, less the members named as not
 * counted; the figures and that roll are stored with the entry (and so in its audit entry).
 */
async function meetingFigures(trx: Transaction<Database>, personId: number, heldOn: string, input: EntryDetails<'branch_meeting'>) {
	const derived = deriveFigures(await branchRoll(trx, personId, heldOn), input.excused);
	if (!derived.ok) return derived;
	const { membersWithVotingRights: _typed, fullMembersExpected: _alsoTyped, excused: _named, ...counts } = input;
	const figures = { ...counts, membersWithVotingRights: derived.membersWithVotingRights };
	const errors = meetingCountErrors(figures);
	if (errors.length) return { ok: false as const, errors };
	return { ok: true as const, details: { ...figures, roll: derived.roll } as Record<string, unknown> };
}

function recordedMessage(kind: RecordableKind, occurredOn: string, details: Record<string, unknown>) {
	const outcome = kind === 'branch_meeting' ? `；${meetingOutcome(details as unknown as MeetingFigures).text}` : '';
	const what = kind === 'nomination' ? nominationLabels[details.kind as keyof typeof nominationLabels] : entryKindLabels[kind];
	return `已登记「${what}」（${occurredOn}）${outcome}`;
}

/**
 * A wrong entry is voided, not deleted: it stays on the record, struck through, with who voided it
 * and why. Entries written by a transition are part of that decision and cannot be voided alone.
 */
export async function voidEntry(db: Kysely<Database>, actor: AuthUser, personId: number, entryId: number, reason: string): Promise<EntryResult> {
	const parsed = text('作废原因', { min: 2, max: 500 }).safeParse(reason);
	if (!parsed.success) return { ok: false, status: 400, errors: [parsed.error.issues[0].message] };
	const why = parsed.data;
	return transact(db, async (trx): Promise<EntryResult> => {
		const person = await lockPerson(trx, personId);
		if (!person) return { ok: false, status: 404, errors: ['未找到该人员'] };
		const entry = await trx
			.selectFrom('developmentEntry')
			.select(['id', 'kind', 'occurredOn', 'details', 'voidedAt'])
			.where('id', '=', entryId)
			.where('personId', '=', personId)
			.executeTakeFirst();
		if (!entry || entry.voidedAt) return { ok: false, status: 404, errors: ['该记录不存在或已作废'] };
		const kind = entry.kind as RecordableKind;
		if (!(recordableKinds as readonly string[]).includes(kind)) {
			return { ok: false, status: 400, errors: [`「${entryKindLabels[entry.kind]}」由阶段变更产生，不能单独作废`] };
		}
		const rights = developmentRights(actor, person.path);
		const level = levelOf(kind, entry.details);
		if (!rights[level]) return { ok: false, status: 403, errors: [`「${entryKindLabels[kind]}」须由${levelWords[level]}作废，您无权操作`] };
		await trx.updateTable('developmentEntry').set({ voidedAt: new Date(), voidedBy: actor.id, voidReason: why }).where('id', '=', entryId).execute();
		await appendAudit(trx, {
			actorId: actor.id,
			action: 'development.entry_void',
			entityType: 'person',
			entityId: personId,
			before: { entryId, kind, occurredOn: entry.occurredOn, details: entry.details },
			after: { voidReason: why }
		});
		return { ok: true, id: entryId, message: `已作废「${entryKindLabels[kind]}」（${entry.occurredOn}）` };
	});
}
