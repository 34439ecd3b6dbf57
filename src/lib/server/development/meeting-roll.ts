import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { inScope } from '../auth/scope';
import { excusedReasonLabels, type ExcusedReason, type MeetingRollView } from '$lib/development/meeting-roll';
import type { CalendarDate } from './dates';

// 第二十条 counts against the full members of the branch with voting rights, so the server derives
// that number from the roll when a 支部大会 is recorded; a recorder can only name members who, by
// rule, are not counted, each with a reason, and that correction is stored and audited with it.

type Db = Kysely<Database> | Transaction<Database>;

export interface BranchRoll {
	branch: { id: number; name: string } | null;
	members: { id: number; name: string; username: string }[];
}

/**
 * The full members of the person's branch on `heldOn`: people of the branch's units whose 政治面貌
 * is 正式党员, less anyone whose 转正 was approved only after that day (they voted as 预备党员,
 * i.e. not at all). Someone who has left the branch since is no longer on the roll: meetings are
 * recorded as they happen (the date may not lie in the future), so the roll is today's.
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
	if (!branch) return { branch: null, members: [] };
	const members = await db
		.selectFrom('person as m')
		.innerJoin('orgUnit as o', 'o.id', 'm.orgUnitId')
		.select(['m.id', 'm.name', 'm.username'])
		.where(inScope('o.path', [branch.path]))
		.where('m.politicalStatus', '=', 'member')
		.where('m.isActive', '=', true)
		.where('m.id', '!=', personId)
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
	return { branch: { id: branch.id, name: branch.name }, members };
}

export function rollView(roll: BranchRoll): MeetingRollView | null {
	return roll.branch ? { branchName: roll.branch.name, members: roll.members } : null;
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
		if (!m) errors.push(`不计入应到会人数的人员（编号 ${x.personId}）不是${roll.branch.name}的正式党员`);
		else if (seen.has(m.id)) errors.push(`${m.name}重复列入不计入应到会人数的名单`);
		else named.push({ personId: m.id, name: m.name, reason: x.reason, reasonLabel: excusedReasonLabels[x.reason], note: x.note });
		seen.add(x.personId);
	}
	const counted = roll.members.length - named.length;
	if (roll.members.length === 0) errors.push(`${roll.branch.name}名册上没有正式党员，不能召开支部大会表决`);
	else if (counted < 1 && !errors.length) errors.push('不计入应到会人数的人员不能是全体正式党员');
	if (errors.length) return { ok: false, errors };
	return {
		ok: true,
		membersWithVotingRights: counted,
		roll: { branchOrgUnitId: roll.branch.id, branchName: roll.branch.name, onRoll: roll.members.length, excused: named }
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
