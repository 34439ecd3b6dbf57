import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { inScope } from '../../auth/scope';
import { underDisciplinaryProbationSql } from '../../people/discipline';
import { excusedReasonLabels, type ExcusedReason, type MeetingRollView } from '$lib/development/meeting-roll';
import type { CalendarDate } from '../engine/dates';

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
 * The full members of the person's branch on `heldOn`: people of the branch's units whose 政治面貌
 * is 正式党员, less anyone who became one only after that day (转正日期 or the confirmation's
 * approval later: they were 预备党员, without a vote). Those under 留党察看 that day are on the
 * roll without a vote. Someone who has left the branch since is no longer on the roll: meetings
 * are recorded as they happen (the date may not lie in the future), so the roll is today's.
 */
export async function branchRoll(db: Db, personId: number, heldOn: CalendarDate): Promise<BranchRoll> {
	const branch = await db
		.selectFrom('person as p')
		.innerJoin('orgUnit as own', 'own.id', 'p.orgUnitId')
		.innerJoin('orgUnit as b', (j) => j.on('b.kind', '=', 'branch').on(sql<boolean>`starts_with(own.path, b.path)`))
		.select(['b.id', 'b.name', 'b.path'])
		.where('p.id', '=', personId)
		.orderBy((eb) => eb.fn('length', ['b.path']), 'desc')
		.executeTakeFirst();
	if (!branch) return { branch: null, members: [], withoutVote: [] };
	const rows = await db
		.selectFrom('person as m')
		.innerJoin('orgUnit as o', 'o.id', 'm.orgUnitId')
		.select((eb) => ['m.id', 'm.name', 'm.username', underDisciplinaryProbationSql(eb.ref('m.id'), heldOn).as('onProbation')])
		.where(inScope('o.path', [branch.path]))
		.where('m.politicalStatus', '=', 'member')
		.where('m.isActive', '=', true)
		.where('m.id', '!=', personId)
		.where((eb) => eb.or([eb('m.confirmedOn', 'is', null), eb('m.confirmedOn', '<=', heldOn)]))
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('developmentEntry as a')
						.select('a.id')
						.whereRef('a.personId', '=', 'm.id')
						.where('a.kind', '=', 'approval')
						.where('a.voidedAt', 'is', null)
						.where('a.occurredOn', '>', heldOn)
						.where(sql<boolean>`a.details->>'purpose' = 'confirmation'`)
				)
			)
		)
		.orderBy('m.name')
		.orderBy('m.id')
		.execute();
	const member = (r: (typeof rows)[number]): RollMember => ({ id: r.id, name: r.name, username: r.username });
	return {
		branch: { id: branch.id, name: branch.name },
		members: rows.filter((r) => !r.onProbation).map(member),
		withoutVote: rows.filter((r) => r.onProbation).map(member)
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
	const value = (key: string) => {
		const v = form.get(key);
		return typeof v === 'string' ? v : '';
	};
	return form
		.getAll('excused')
		.filter((v): v is string => typeof v === 'string')
		.map((id) => ({ personId: id, reason: value(`excusedReason_${id}`), note: value(`excusedNote_${id}`) }));
}
