import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { assess, evaluateFor, type Assessment, type Blocker } from '../standing';
import { unitSettings, type RulesInEffect } from './rules-in-effect';
import { getRuleSet } from '../engine/rule-sets';
import { loadDossiers, type LoadedPerson } from '../records/load';
import type { CheckId, EffectiveSettings } from '../engine/rule-types';
import type { DevelopmentStage } from '../tables';
import type { CheckResult, CheckStatus, Transition } from '../engine/types';

// What a change of rule set does to the people already in the pipeline: for each open record,
// the next step judged under the rules in effect and under the new ones. Set-based — one query for
// the people, then loadDossiers' fixed few for all of them — so a school of any size costs the same
// number of queries, whatever the page or the save that asks.

export type Verdict = 'ready' | 'waiting' | 'todo';

export interface CheckSide {
	status: CheckStatus | 'absent';
	reason: string;
}

export interface CheckChange {
	checkId: CheckId;
	title: string;
	before: CheckSide;
	after: CheckSide;
}

export interface SwitchImpactRow {
	personId: number;
	username: string;
	name: string;
	branchName: string;
	stage: DevelopmentStage;
	next: Transition;
	before: Verdict;
	after: Verdict;
	/** The checks whose answer stops or starts standing in the way of the next step. */
	changes: CheckChange[];
}

/** A person's results under some rules, computed at most once and only when a change needs its reason. */
function lazyResults(l: LoadedPerson, next: Transition, rules: RulesInEffect): () => CheckResult[] {
	let results: CheckResult[] | undefined;
	return () => (results ??= evaluateFor(l, next, rules).results);
}

const verdictOf = (a: Assessment): Verdict => (a.standing === 'done' ? 'ready' : a.standing);

function side(results: () => CheckResult[], id: CheckId, blocker: Blocker | undefined): CheckSide {
	if (blocker) return { status: blocker.status, reason: blocker.reason };
	const r = results().find((x) => x.checkId === id);
	if (!r) return { status: 'absent', reason: '该规则集不检查此项（或学校已关闭）' };
	return { status: r.status, reason: r.exemption?.applied ? `${r.reason}（已豁免：${r.exemption.reason}）` : r.reason };
}

/**
 * Every person in progress whose next step the switch from `current` to `target` changes: the
 * verdict (可办理 / 等待 / 未满足), or which checks stand in the way. Titles are the target's.
 */
export async function switchImpact(db: Kysely<Database>, current: RulesInEffect, target: EffectiveSettings): Promise<SwitchImpactRow[]> {
	const people = await db
		.selectFrom('developmentRecord as r')
		.innerJoin('person as p', 'p.id', 'r.personId')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.select(['p.id', 'p.username', 'p.name', 'o.name as branchName', 'r.stage'])
		.where('r.closedOn', 'is', null)
		.where('r.stage', '<>', 'member')
		.orderBy('o.path')
		.orderBy('p.username')
		.execute();
	if (people.length === 0) return [];
	const loaded = await loadDossiers(db, people.map((p) => p.id), current.at);
	// The colleges' stricter values carry over, re-checked against the target's school settings.
	const targetSet = getRuleSet(target.ruleSetId)!;
	const after: RulesInEffect = { ...current, settings: target, settingsForUnit: unitSettings(targetSet, target, current.collegeOf) };
	const rows: SwitchImpactRow[] = [];
	for (const p of people) {
		const l = loaded.get(p.id);
		if (!l) continue;
		const a = assess(l, current);
		const b = assess(l, after);
		if (!a.next) continue;
		const before = new Map(a.blockers.map((x) => [x.checkId, x]));
		const later = new Map(b.blockers.map((x) => [x.checkId, x]));
		const ids = [...new Set([...before.keys(), ...later.keys()])].filter((id) => before.get(id)?.status !== later.get(id)?.status);
		if (ids.length === 0 && verdictOf(a) === verdictOf(b)) continue;
		const [resultsBefore, resultsAfter] = [lazyResults(l, a.next, current), lazyResults(l, a.next, after)];
		const changes = ids.map((id) => ({
			checkId: id,
			title: target.rules[id]?.title ?? current.settings.rules[id].title,
			before: side(resultsBefore, id, before.get(id)),
			after: side(resultsAfter, id, later.get(id))
		}));
		rows.push({ personId: p.id, username: p.username, name: p.name, branchName: p.branchName, stage: p.stage, next: a.next, before: verdictOf(a), after: verdictOf(b), changes });
	}
	return rows;
}
