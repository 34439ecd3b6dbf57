import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { inScope } from '../../auth/scope';
import { underDisciplinaryProbationSql } from '../../people/discipline';
import { excusedReasonLabels, type ExcusedReason, type MeetingRollView } from '$lib/development/meeting-roll';
import { addMonths, type CalendarDate } from '../engine/dates';
import { registryAsOf } from './registry-as-of';
import { z } from 'zod';
import { formFields, many, sentText } from '$lib/validation/form';

// 第二十条 counts against the full members of the branch with voting rights, so the server derives
// that number from the roll when a 支部大会 is recorded; a recorder can only name members who, by
// rule, are not counted, each with a reason, and that correction is stored and audited with it.

type Db = Kysely<Database> | Transaction<Database>;

export interface RollMember {
	id: number;
	name: string;
	username: string;
}

export interface BranchRoll {
	branch: { id: number; name: string } | null;
	/** Full members with a vote that day. */
	members: RollMember[];
	/** Full members under 留党察看 that day (person_discipline): on the roll, without a vote. */
	withoutVote: RollMember[];
}

/**
 * The full members of the person's branch on `heldOn`, as the registry stood that day: each
 * person's unit, 政治面貌 and active state are taken back to that day (registryAsOf), the voted
 * person's own unit too. A person entered into the registry only after the meeting counts by their
 * dates, the registry being often filled in after the fact. The dates on record decide the rest:
 * 转正日期 or the confirmation's approval later than the meeting, or 入党日期 less than a year before
 * it with no 转正日期 yet, means 预备党员 then (no vote); 开除党籍 by then, off the roll; 留党察看 that
 * day, on the roll without a vote.
 */
export async function branchRoll(db: Db, personId: number, heldOn: CalendarDate): Promise<BranchRoll> {
	const history = await registryAsOf(db, heldOn);
	const own = await db.selectFrom('person').select('orgUnitId').where('id', '=', personId).executeTakeFirst();
	if (!own) return { branch: null, members: [], withoutVote: [] };
	const branch = await db
		.selectFrom('orgUnit as own')
		.innerJoin('orgUnit as b', (j) => j.on('b.kind', '=', 'branch').on(sql<boolean>`starts_with(own.path, b.path)`))
		.select(['b.id', 'b.name', 'b.path'])
		.where('own.id', '=', history.get(personId)?.orgUnitId ?? own.orgUnitId)
		.orderBy((eb) => eb.fn('length', ['b.path']), 'desc')
		.executeTakeFirst();
	if (!branch) return { branch: null, members: [], withoutVote: [] };
	const units = new Set((await db.selectFrom('orgUnit').select('id').where(inScope('path', [branch.path])).execute()).map((u) => u.id));
	const movedIds = [...history.keys()];
	const rows = await db
		.selectFrom('person as m')
		.innerJoin('orgUnit as o', 'o.id', 'm.orgUnitId')
		.select((eb) => [
			'm.id',
			'm.name',
			'm.username',
			'm.orgUnitId',
			'm.politicalStatus',
			'm.isActive',
			'm.joinedOn',
			'm.confirmedOn',
			underDisciplinaryProbationSql(eb.ref('m.id'), heldOn).as('onProbation'),
			eb
				.exists(
					eb
						.selectFrom('developmentEntry as a')
						.select('a.id')
						.whereRef('a.personId', '=', 'm.id')
						.where('a.kind', '=', 'approval')
						.where('a.voidedAt', 'is', null)
						.where('a.occurredOn', '>', heldOn)
						.where(sql<boolean>`a.details->>'purpose' = 'confirmation'`)
				)
				.as('confirmedLater'),
			eb
				.exists(
					eb
						.selectFrom('personDiscipline as x')
						.select('x.id')
						.whereRef('x.personId', '=', 'm.id')
						.where('x.kind', '=', 'expulsion')
						.where('x.voidedAt', 'is', null)
						.where('x.startsOn', '<=', heldOn)
				)
				.as('expelled')
		])
		.where((eb) =>
			movedIds.length
				? eb.or([eb.and([inScope('o.path', [branch.path]), eb('m.politicalStatus', '=', 'member')]), eb('m.id', 'in', movedIds)])
				: eb.and([inScope('o.path', [branch.path]), eb('m.politicalStatus', '=', 'member')])
		)
		.where('m.id', '!=', personId)
		.orderBy('m.name')
		.orderBy('m.id')
		.execute();
	const onRoll = rows.filter((r) => {
		const then = { orgUnitId: r.orgUnitId, politicalStatus: r.politicalStatus as string, isActive: r.isActive, ...history.get(r.id) };
		if (!units.has(then.orgUnitId) || then.politicalStatus !== 'member' || !then.isActive) return false;
		if (r.confirmedOn ? r.confirmedOn > heldOn : r.joinedOn !== null && addMonths(r.joinedOn, 12) > heldOn) return false;
		return !r.confirmedLater && !r.expelled;
	});
	const member = (r: (typeof rows)[number]): RollMember => ({ id: r.id, name: r.name, username: r.username });
	return {
		branch: { id: branch.id, name: branch.name },
		members: onRoll.filter((r) => !r.onProbation).map(member),
		withoutVote: onRoll.filter((r) => r.onProbation).map(member)
	};
}

export function rollView(roll: BranchRoll): MeetingRollView | null {
	return roll.branch ? { branchName: roll.branch.name, members: roll.members, withoutVote: roll.withoutVote.map((m) => m.name) } : null;
}

export interface ExcusedInput {
	personId: number;
	reason: ExcusedReason;
	note: string;
}

/** What a meeting entry stores beside its counts: where the number came from and who was not counted, and why. */
export interface StoredRoll {
	branchOrgUnitId: number;
	branchName: string;
	onRoll: number;
	/** Under 留党察看 on the day, read from the registry: not counted. */
	withoutVote: { personId: number; name: string }[];
	excused: { personId: number; name: string; reason: ExcusedReason; reasonLabel: string; note: string }[];
}

export type DerivedFigures = { ok: true; membersWithVotingRights: number; roll: StoredRoll } | { ok: false; errors: string[] };

export function deriveFigures(roll: BranchRoll, excused: readonly ExcusedInput[]): DerivedFigures {
	if (!roll.branch) return { ok: false, errors: ['该人员不在任何党支部，无法按支部党员名册核定应到会人数'] };
	const byId = new Map(roll.members.map((m) => [m.id, m]));
	const errors: string[] = [];
	const seen = new Set<number>();
	const named: StoredRoll['excused'] = [];
	for (const x of excused) {
		const m = byId.get(x.personId);
		const disciplined = roll.withoutVote.find((w) => w.id === x.personId);
		if (disciplined) errors.push(`${disciplined.name}受留党察看处分，已按党员名册不计入，无需再列`);
		else if (!m) errors.push(`不计入应到会人数的人员（编号 ${x.personId}）不是${roll.branch.name}的正式党员`);
		else if (seen.has(m.id)) errors.push(`${m.name}重复列入不计入应到会人数的名单`);
		else named.push({ personId: m.id, name: m.name, reason: x.reason, reasonLabel: excusedReasonLabels[x.reason], note: x.note });
		seen.add(x.personId);
	}
	const counted = roll.members.length - named.length;
	if (roll.members.length === 0) errors.push(`${roll.branch.name}名册上没有有表决权的正式党员，不能召开支部大会表决`);
	else if (counted < 1 && !errors.length) errors.push('不计入应到会人数的人员不能是全体正式党员');
	if (errors.length) return { ok: false, errors };
	return {
		ok: true,
		membersWithVotingRights: counted,
		roll: {
			branchOrgUnitId: roll.branch.id,
			branchName: roll.branch.name,
			onRoll: roll.members.length + roll.withoutVote.length,
			withoutVote: roll.withoutVote.map((m) => ({ personId: m.id, name: m.name })),
			excused: named
		}
	};
}

/** The meeting form's 「不计入」 rows (excused=<id>, excusedReason_<id>, excusedNote_<id>), for the entry schema to validate. */
export function excusedFromForm(form: FormData): Record<string, string>[] {
	// The row fields are named by the ticked ids, so they are read per row once the ids are known.
	const fields = formFields(form);
	const ids = many(z.unknown()).parse(fields.excused).filter((v): v is string => typeof v === 'string');
	const value = sentText();
	return ids.map((id) => ({ personId: id, reason: value.parse(fields[`excusedReason_${id}`]), note: value.parse(fields[`excusedNote_${id}`]) }));
}
