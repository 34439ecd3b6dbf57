import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { stageOrder } from '$lib/development/labels';
import { assess, type Assessment } from '../standing';
import type { RulesInEffect } from '../settings/rules-in-effect';
import type { CalendarDate } from '../engine/dates';
import type { DueItem, DueStatus } from '../engine/due-items';
import { loadDossiersInChunks } from '../records/load';
import type { DevelopmentStage } from '../tables';
import { escapeLike, inScope } from '../../auth/scope';

// Set-based views over everyone in the pipeline within some org subtrees: the branch board, the
// deadline lists and their exports. One query for the people, then loadDossiers' fixed few.

export interface PipelinePerson {
	id: number;
	username: string;
	name: string;
	orgUnitId: number;
	branchName: string;
	branchPath: string;
	stage: DevelopmentStage;
	stageSince: CalendarDate;
	external: boolean;
	imported: boolean;
}

export interface PipelineFilter {
	orgUnitId?: number;
	stage?: DevelopmentStage;
	/** Name or 学号 (prefix of the number, part of the name). */
	q?: string;
}

/** Open records (not cancelled or withdrawn) of people in the subtrees, in tree then 学号 order. */
export async function pipelinePeople(db: Kysely<Database>, paths: string[], filter: PipelineFilter = {}): Promise<PipelinePerson[]> {
	if (paths.length === 0) return [];
	return pipelineQuery(db, paths, filter).orderBy('o.path').orderBy('p.username').execute();
}

function pipelineQuery(db: Kysely<Database>, paths: string[], filter: PipelineFilter) {
	let q = db
		.selectFrom('developmentRecord as r')
		.innerJoin('person as p', 'p.id', 'r.personId')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.select(['p.id', 'p.username', 'p.name', 'p.orgUnitId', 'o.name as branchName', 'o.path as branchPath', 'r.stage', 'r.stageSince', 'r.external', 'r.imported'])
		.where('r.closedOn', 'is', null)
		.where(inScope('o.path', paths));
	if (filter.orgUnitId) q = q.where('p.orgUnitId', '=', filter.orgUnitId);
	if (filter.stage) q = q.where('r.stage', '=', filter.stage);
	if (filter.q) {
		const text = escapeLike(filter.q.trim());
		q = q.where((eb) => eb.or([eb('p.username', 'like', `${text}%`), eb('p.name', 'like', `%${text}%`)]));
	}
	return q;
}

export const BOARD_PAGE_SIZE = 50;

export interface BoardPage {
	/** Open records per stage in the whole branch, whatever the filter. */
	counts: Record<DevelopmentStage, number>;
	/** People matching the filter. */
	total: number;
	page: number;
	pageSize: number;
	/** The page of them, each with every check of their next step. */
	people: Assessed[];
}

/**
 * One branch's board: the counts and the filtered total in SQL, and only one page of people
 * loaded and assessed — a branch of 2,000 costs what a page of 50 does. A page past the end
 * shows the last one.
 */
export async function boardPage(db: Kysely<Database>, paths: string[], filter: PipelineFilter & { orgUnitId: number }, rules: RulesInEffect, page = 1, pageSize = BOARD_PAGE_SIZE): Promise<BoardPage> {
	const counts = Object.fromEntries(stageOrder.map((s) => [s, 0])) as Record<DevelopmentStage, number>;
	if (paths.length === 0) return { counts, total: 0, page: 1, pageSize, people: [] };
	// The counts (every stage; how many match the filter) and the page asked for, side by side.
	const wanted = Math.max(1, page);
	const pageRows = (n: number) => pipelineQuery(db, paths, filter).orderBy('o.path').orderBy('p.username').orderBy('p.id').limit(pageSize).offset((n - 1) * pageSize).execute();
	const text = filter.q ? escapeLike(filter.q.trim()) : null;
	const [byStage, first] = await Promise.all([
		pipelineQuery(db, paths, { orgUnitId: filter.orgUnitId })
			.clearSelect()
			.select((eb) => [
				'r.stage',
				eb.fn.countAll<string>().as('n'),
				(text === null ? eb.fn.countAll<string>() : eb.fn.countAll<string>().filterWhere((f) => f.or([f('p.username', 'like', `${text}%`), f('p.name', 'like', `%${text}%`)]))).as('matching')
			])
			.groupBy('r.stage')
			.execute(),
		pageRows(wanted)
	]);
	let total = 0;
	for (const r of byStage) {
		counts[r.stage] = Number(r.n);
		if (!filter.stage || r.stage === filter.stage) total += Number(r.matching);
	}
	const last = Math.max(1, Math.ceil(total / pageSize));
	const shown = Math.min(wanted, last);
	// A page past the end (the list shrank meanwhile, or a typed address) shows the last one.
	const rows = shown === wanted ? first : await pageRows(shown);
	return { counts, total, page: shown, pageSize, people: await assessPeople(db, rows, rules) };
}

export type Assessed = PipelinePerson & Assessment;

export async function assessPeople(db: Kysely<Database>, people: PipelinePerson[], rules: RulesInEffect): Promise<Assessed[]> {
	// Chunk by chunk: a school's dossiers are assessed as they arrive, not all kept at once.
	const byId = new Map(people.map((p) => [p.id, p]));
	const assessed = new Map<number, Assessed>();
	await loadDossiersInChunks(db, people.map((p) => p.id), rules.at, (part) => {
		for (const [id, l] of part) assessed.set(id, { ...byId.get(id)!, ...assess(l, rules) });
	});
	return people.map((p) => assessed.get(p.id)!);
}

export interface BoardSummary {
	counts: Record<DevelopmentStage, number>;
	standing: Record<Assessment['standing'], number>;
}

export function summarise(people: Assessed[]): BoardSummary {
	const counts = Object.fromEntries(stageOrder.map((s) => [s, 0])) as Record<DevelopmentStage, number>;
	const standing = { ready: 0, waiting: 0, todo: 0, done: 0 };
	for (const p of people) {
		counts[p.stage]++;
		standing[p.standing]++;
	}
	return { counts, standing };
}

export interface DueRow {
	person: PipelinePerson;
	item: DueItem;
}

/** 「本月到期 / 已超期」: each person's due items with the wanted statuses, earliest first. */
export function dueRows(people: Assessed[], statuses: DueStatus[] = ['overdue', 'due_this_month']): DueRow[] {
	const rows: DueRow[] = [];
	for (const p of people) {
		for (const item of p.due) if (statuses.includes(item.status)) rows.push({ person: p, item });
	}
	return sortDueRows(rows);
}

/** Earliest first, then by 学号: the order of every due list. */
export function sortDueRows(rows: DueRow[]): DueRow[] {
	return rows.sort((a, b) => (a.item.dueDate < b.item.dueDate ? -1 : a.item.dueDate > b.item.dueDate ? 1 : a.person.username < b.person.username ? -1 : 1));
}

/** Counts of due rows per branch and status, for organizers who watch several branches. */
export function duePerBranch(rows: DueRow[]) {
	const by = new Map<number, { orgUnitId: number; branchName: string; overdue: number; due_this_month: number }>();
	for (const r of rows) {
		const b = by.get(r.person.orgUnitId) ?? { orgUnitId: r.person.orgUnitId, branchName: r.person.branchName, overdue: 0, due_this_month: 0 };
		if (r.item.status === 'overdue') b.overdue++;
		else if (r.item.status === 'due_this_month') b.due_this_month++;
		by.set(r.person.orgUnitId, b);
	}
	return [...by.values()];
}
