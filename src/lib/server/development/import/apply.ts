import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { appendAudit } from '../../audit/log';
import { transact } from '../../db/transact';
import { addMonths, type CalendarDate } from '../engine/dates';
import type { EntryKind } from '../tables';
import type { ImportPlan, ImportTarget } from './validate';

/** People named in the file, with whether they already have a record. */
export async function importTargets(db: Kysely<Database>, usernames: string[]): Promise<Map<string, ImportTarget & { username: string }>> {
	if (usernames.length === 0) return new Map();
	const rows = await db
		.selectFrom('person as p')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.leftJoin('developmentRecord as r', 'r.personId', 'p.id')
		.select(['p.id', 'p.username', 'p.name', 'p.politicalStatus', 'o.path', 'r.stage'])
		.where('p.username', 'in', [...new Set(usernames)])
		.execute();
	return new Map(rows.map((r) => [r.username, { id: r.id, username: r.username, name: r.name, path: r.path, hasRecord: r.stage !== null, politicalStatus: r.politicalStatus }]));
}

interface NewEntry {
	personId: number;
	kind: EntryKind;
	occurredOn: CalendarDate;
	details: Record<string, unknown>;
	recordedBy: number;
	imported: true;
}

/** The entries a row stands for, marked imported: the checks judge later transitions on them as on any other. */
function entriesOf(p: ImportPlan, actorId: number): NewEntry[] {
	const out: NewEntry[] = [];
	const d = p.dates;
	const add = (kind: EntryKind, on: CalendarDate | undefined, details: Record<string, unknown> = {}) => {
		if (on) out.push({ personId: p.personId, kind, occurredOn: on, details: { note: '', ...details }, recordedBy: actorId, imported: true });
	};
	const noCounts = { membersWithVotingRights: 0, present: 0, votesFor: 0, votesAgainst: 0, abstentions: 0, fullMembersExpected: 0, countsUnknown: true };
	const approval = { approverOrgUnitId: null, approverName: '（导入记录）', approverKind: 'committee' };
	if (p.transferredFrom) add('transfer_in', d.appliedOn, { from: p.transferredFrom, note: '外单位转入材料，须人工核对' });
	add('application', d.appliedOn, { note: p.note });
	add('talk', d.talkOn, { purpose: 'application', by: 'branch', talker: '' });
	add('nomination', d.leagueRecOn, { kind: 'league_recommendation' });
	add('nomination', d.memberRecOn, { kind: 'member' });
	add('decision', d.activistOn, { stage: 'activist', body: 'branch_committee' });
	add('filing', d.activistFiledOn, { stage: 'activist' });
	add('decision', d.candidateOn, { stage: 'candidate', body: 'branch_committee' });
	add('filing', d.candidateFiledOn, { stage: 'candidate' });
	add('political_review', d.reviewOn, { conclusion: 'qualified' });
	add('branch_meeting', d.admissionMeetingOn, { purpose: 'admission', ...noCounts });
	add('approval', d.admissionApprovedOn, { purpose: 'admission', ...approval });
	add('branch_meeting', d.confirmationMeetingOn, { purpose: 'confirmation', ...noCounts });
	add('approval', d.confirmationApprovedOn, { purpose: 'confirmation', ...approval });
	return out;
}

/** When the stage began, as a transition would have recorded it. */
function stageSince(p: ImportPlan): CalendarDate {
	const d = p.dates;
	switch (p.stage) {
		case 'applicant':
			return d.appliedOn!;
		case 'activist':
			return d.activistOn!;
		case 'candidate':
			return d.candidateOn!;
		case 'probationary':
			return d.admissionMeetingOn!;
		case 'member':
			return addMonths(d.admissionMeetingOn!, 12);
	}
}

/** Every row or none, in one transaction; each person's import is one audit entry. */
export async function applyImport(db: Kysely<Database>, actorId: number, plans: ImportPlan[], fileName: string) {
	return transact(db, async (trx) => {
		let entries = 0;
		for (const p of plans) {
			const since = stageSince(p);
			// A concurrent import or application since validation: refuse the whole file rather than merge.
			const inserted = await trx
				.insertInto('developmentRecord')
				.values({ personId: p.personId, stage: p.stage, stageSince: since, isLeagueMember: p.isLeagueMember, external: !!p.transferredFrom, imported: true })
				.onConflict((oc) => oc.column('personId').doNothing())
				.returning('personId')
				.executeTakeFirst();
			if (!inserted) throw new ImportConflict(p);
			const rows = entriesOf(p, actorId);
			rows.push({ personId: p.personId, kind: 'stage_change', occurredOn: since, details: { transition: 'import', from: null, to: p.stage, settingsVersionId: null, ruleSetId: null, warnings: [], exemptions: [] }, recordedBy: actorId, imported: true });
			await trx.insertInto('developmentEntry').values(rows).execute();
			entries += rows.length;
			await trx.updateTable('person').set({ politicalStatus: p.stage, updatedAt: new Date() }).where('id', '=', p.personId).execute();
			await appendAudit(trx, {
				actorId,
				action: 'development.import',
				entityType: 'person',
				entityId: p.personId,
				after: { fileName, rowNumber: p.rowNumber, stage: p.stage, stageSince: since, dates: p.dates, external: !!p.transferredFrom }
			});
		}
		return { people: plans.length, entries };
	});
}

export class ImportConflict extends Error {
	constructor(readonly plan: ImportPlan) {
		super(`第 ${plan.rowNumber} 行：${plan.name} 在导入过程中已建立纪实档案`);
	}
}
