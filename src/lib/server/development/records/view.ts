import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { nextTransition } from '$lib/development/labels';
import { assess, evaluateFor, type Assessment } from '../standing';
import type { RulesInEffect } from '../settings/rules-in-effect';
import { loadDossier, type LoadedPerson } from './load';
import { personHeader } from './people';
import { todayInShanghai } from '../engine/dates';
import { underDisciplinaryProbationSql } from '../../people/discipline';
import type { CheckStatus, Transition } from '../engine/types';

// Everything a person's record page shows, as plain data: who they are, the dated entries with
// who recorded them, mentors and sponsors, exemptions, and each check of the steps open to them.

export interface CheckView {
	checkId: string;
	title: string;
	status: CheckStatus;
	reason: string;
	source: string;
	dueDate: string | null;
	exemptable: boolean;
	exemption: { applied: boolean; reason: string; note?: string } | null;
}

export interface TransitionView {
	transition: Transition;
	blocked: boolean;
	stageError: string | null;
	checks: CheckView[];
}

/** The steps open from a stage: the next one, and for probation also extension and cancellation. */
export function openTransitions(loaded: LoadedPerson): Transition[] {
	if (!loaded.record || loaded.record.closedOn) return ['apply'];
	const next = nextTransition[loaded.dossier.stage];
	if (loaded.dossier.stage === 'probationary') return ['to_member', 'extend_probation', 'cancel_probation'];
	return next ? [next] : [];
}

export function transitionView(loaded: LoadedPerson, transition: Transition, rules: RulesInEffect): TransitionView {
	const e = evaluateFor(loaded, transition, rules);
	return {
		transition,
		blocked: e.blocked,
		stageError: e.stageError ?? null,
		checks: e.results.map((r) => ({
			checkId: r.checkId,
			title: rules.settings.rules[r.checkId].title,
			status: r.status,
			reason: r.reason,
			source: r.source,
			dueDate: r.dueDate ?? null,
			exemptable: r.exemptable,
			exemption: r.exemption ?? null
		}))
	};
}

export async function recordView(db: Kysely<Database>, personId: number, rules: RulesInEffect) {
	const [person, loaded, entries, supporters, exemptions] = await Promise.all([
		personHeader(db, personId),
		loadDossier(db, personId, rules.at, { training: 'all' }),
		db
			.selectFrom('developmentEntry as e')
			.leftJoin('person as r', 'r.id', 'e.recordedBy')
			.leftJoin('person as v', 'v.id', 'e.voidedBy')
			.leftJoin('person as c', 'c.id', 'e.confirmedBy')
			.leftJoin('storedFile as f', 'f.id', 'e.attachmentId')
			.select(['e.id', 'e.kind', 'e.occurredOn', 'e.details', 'e.imported', 'e.createdAt', 'e.voidedAt', 'e.voidReason', 'r.name as recordedByName', 'v.name as voidedByName', 'e.attachmentId', 'f.name as attachmentName', 'e.confirmedAt', 'c.name as confirmedByName'])
			.where('e.personId', '=', personId)
			.orderBy('e.occurredOn')
			.orderBy('e.id')
			.execute(),
		db
			.selectFrom('developmentSupporter as s')
			.leftJoin('person as p', 'p.id', 's.supporterId')
			.select(['s.id', 's.role', 's.name', 's.supporterId', 's.assignedOn', 's.endedOn', 's.imported', 'p.username', 'p.politicalStatus', 's.isFullMember'])
			// Today's 留党察看 flags the sponsor; the check itself judges the decision's date.
			.select(sql<boolean>`s.supporter_id is not null and ${underDisciplinaryProbationSql(sql.ref('s.supporter_id'), todayInShanghai(rules.at))}`.as('underDisciplinaryProbation'))
			.where('s.personId', '=', personId)
			.orderBy('s.assignedOn')
			.orderBy('s.id')
			.execute(),
		db
			.selectFrom('developmentExemption as x')
			.innerJoin('person as g', 'g.id', 'x.grantedBy')
			.leftJoin('storedFile as f', 'f.id', 'x.attachmentId')
			.select(['x.id', 'x.checkId', 'x.reason', 'x.grantedOn', 'x.revokedAt', 'g.name as grantedByName', 'x.attachmentId', 'f.name as attachmentName'])
			.where('x.personId', '=', personId)
			.orderBy('x.id')
			.execute()
	]);
	if (!person || !loaded) return undefined;
	const assessment: Assessment = assess(loaded, rules);
	const title = (id: string) => (rules.settings.rules as Record<string, { title: string } | undefined>)[id]?.title ?? id;
	return {
		person,
		record: loaded.record,
		isLeagueMember: loaded.dossier.isLeagueMember,
		expectedLeavingDate: loaded.dossier.expectedLeavingDate,
		stage: loaded.dossier.stage,
		entries: entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString(), voidedAt: e.voidedAt?.toISOString() ?? null, confirmedAt: e.confirmedAt?.toISOString() ?? null })),
		supporters: supporters.map((s) => ({ ...s, fullMember: s.supporterId ? s.politicalStatus === 'member' : s.isFullMember === true })),
		exemptions: exemptions.map((x) => ({ ...x, title: title(x.checkId), revokedAt: x.revokedAt?.toISOString() ?? null })),
		transitions: openTransitions(loaded).map((t) => transitionView(loaded, t, rules)),
		assessment: { ...assessment },
		trainingNotes: loaded.trainingNotes,
		ruleSet: { id: rules.settings.ruleSetId, versionId: rules.version.id },
		calendarYears: rules.calendarYears,
		today: rules.today
	};
}

export type RecordView = NonNullable<Awaited<ReturnType<typeof recordView>>>;
