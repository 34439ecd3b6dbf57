import { sql } from 'kysely';
import type { CalendarDate } from '../engine/dates';
import { buildDossier, stageOf, type EntryRow, type ExemptionRow, type PersonRow, type SupporterRow } from './dossier-map';
import type { DevelopmentStage } from '../tables';
import { trainingSummaries } from './training-adapter';
import type { PersonDossier, TrainingKind } from '../engine/types';
import type { Db } from '$lib/server/db';

export interface RecordState {
	stage: DevelopmentStage;
	stageSince: CalendarDate;
	external: boolean;
	imported: boolean;
	closedOn: CalendarDate | null;
	closedReason: string | null;
}

export interface LoadedPerson {
	id: number;
	orgUnitId: number;
	politicalStatus: string;
	/** null: never entered the pipeline in this system (the dossier's stage then follows 政治面貌). */
	record: RecordState | null;
	dossier: PersonDossier;
	/** The entries the dossier was built from (not voided, without stage changes), oldest first. */
	entries: EntryRow[];
	/** The party school's words about each kind of training it was asked about. */
	trainingNotes: Partial<Record<TrainingKind, string[]>>;
}

export interface LoadOptions {
	/** 'next' (default): only the training the next step checks; 'all': every kind (the record page). */
	training?: 'next' | 'all';
	/** People per set of queries (tests make it small to see chunks merge); 10,000 otherwise. */
	chunkSize?: number;
}

/** The training each stage's next step checks. */
const trainingForStage: Partial<Record<DevelopmentStage, TrainingKind>> = { activist: 'activist', candidate: 'candidate', probationary: 'probationary' };

const ids = (personIds: readonly number[]) => sql`any(${sql.val([...personIds])}::int[])`;

/**
 * Dossiers for many people in a fixed number of queries, whatever their number: the
 * transition re-loads one inside its transaction, the board a branch, the benchmark a school.
 * Entries come aggregated per person as one JSON array, which parses far faster than a row each
 * (unordered: the dossier takes arrays in any order; they are sorted here, in JS, where it is cheap).
 */
export async function loadDossiers(db: Db, personIds: readonly number[], at: Date, options: LoadOptions = {}): Promise<Map<number, LoadedPerson>> {
	const out = new Map<number, LoadedPerson>();
	await loadDossiersInChunks(db, personIds, at, (part) => {
		for (const [id, l] of part) out.set(id, l);
	}, options);
	return out;
}

/**
 * The same dossiers handed over a chunk at a time, for a whole school: the caller evaluates one
 * chunk while the database builds the next ones, and keeps only what it needs of each (a
 * verdict, a due item) — holding 100,000 dossiers at once costs more in garbage collection than
 * the checks themselves. Each person comes in exactly one chunk; chunks arrive in any order.
 */
export async function loadDossiersInChunks(db: Db, personIds: readonly number[], at: Date, onChunk: (loaded: LoadedChunk) => void, options: LoadOptions = {}): Promise<void> {
	const unique = [...new Set(personIds)];
	if (unique.length === 0) return;
	const size = options.chunkSize ?? CHUNK;
	// PostgreSQL builds each person's JSON array on one core per query, so chunks run side by
	// side (a few at a time, leaving the pool's other connections to pages).
	const chunks: number[][] = [];
	for (let i = 0; i < unique.length; i += size) chunks.push(unique.slice(i, i + size));
	let next = 0;
	const worker = async () => {
		while (next < chunks.length) {
			onChunk(await loadChunk(db, chunks[next++], at, options));
		}
	};
	await Promise.all(Array.from({ length: Math.min(PARALLEL_CHUNKS, chunks.length) }, worker));
}

/**
 * One chunk's people, each dossier built as the caller reaches it (iterate as often as needed;
 * each pass builds them anew): a caller that keeps only a verdict never holds a chunk's 10,000
 * dossiers at once, only the rows as the database sent them.
 */
export type LoadedChunk = Iterable<[number, LoadedPerson]>;

/** People per set of queries, and how many such sets run at once. */
const CHUNK = 10_000;
const PARALLEL_CHUNKS = 3;

async function loadChunk(db: Db, unique: number[], at: Date, options: LoadOptions): Promise<LoadedChunk> {
	// Everything but the training starts at once; the training asked for depends on each stage.
	// Raw, without the camel-case plugin: it would copy every entry's details object (measured:
	// a third of the time for a school), so the columns are aliased here instead.
	const raw = db.withoutPlugins();
	const peopleQuery = sql<PersonRow & { orgUnitId: number; stageSince: CalendarDate | null; external: boolean | null; imported: boolean | null; closedOn: CalendarDate | null; closedReason: string | null }>`
		select p.id, p.org_unit_id as "orgUnitId", p.birth_date as "birthDate", p.graduation_date as "graduationDate", p.political_status as "politicalStatus",
			r.stage, r.stage_since as "stageSince", r.is_league_member as "isLeagueMember", r.expected_leaving_date as "expectedLeavingDate",
			r.external, r.imported, r.closed_on as "closedOn", r.closed_reason as "closedReason"
		from person p left join development_record r on r.person_id = p.id
		where p.id = ${ids(unique)}`.execute(raw);
	const rest = Promise.all([
		// The JSON text is put together by hand: PostgreSQL spends about half the CPU it spends in
		// json_agg(json_build_array(…)) (kind is one of a fixed list of words; details is jsonb's
		// canonical text; `confirmed` only for a confirmed entry). Each entry is written as the
		// EntryRow object itself, so the one JSON.parse per person builds the rows with nothing to copy.
		// One concat() per entry rather than a chain of ||, and the date in its own output form
		// (ISO, as every date column reaches the app: db/engine.ts) rather than to_char: a fifth
		// to a third less time for this query (10,000 people, psql).
		// Empty details (four entries in ten: thought reports, evaluations, oaths…) are left out and
		// share one frozen object here: a school's load then parses and collects that many fewer objects.
		sql<{ personId: number; e: string }>`
			select person_id as "personId",
				'[' || string_agg(concat('{"kind":"', kind, '","on":"', occurred_on, case when details = '{}'::jsonb then '"' else concat('","d":', details) end, case when confirmed_at is null then '}' else ',"confirmed":true}' end), ',') || ']' as e
			from development_entry
			where person_id = ${ids(unique)} and voided_at is null and kind <> 'stage_change'
			group by person_id`.execute(raw),
		sql<SupporterRow & { personId: number }>`
			select s.person_id as "personId", s.role, s.name, coalesce(sp.political_status = 'member', s.is_full_member, false) as "isFullMember",
				s.assigned_on as "assignedOn", s.ended_on as "endedOn",
				-- 留党察看 and 开除党籍 of a sponsor on file: the check judges them on the decision's date.
				case when s.role = 'sponsor' then (
					select json_agg(json_build_array(d.kind, d.starts_on, d.ends_on)) from person_discipline d
					where d.person_id = s.supporter_id and d.voided_at is null and d.kind in ('probation', 'expulsion')
				) end as discipline
			from development_supporter s left join person sp on sp.id = s.supporter_id
			where s.person_id = ${ids(unique)}`.execute(raw),
		sql<ExemptionRow & { personId: number }>`
			select person_id as "personId", check_id as "checkId", reason, granted_on as "grantedOn" from development_exemption
			where person_id = ${ids(unique)} and revoked_at is null`.execute(raw)
	]);
	// Awaited below; meanwhile a failure must not count as an unhandled rejection.
	rest.catch(() => {});
	const people = await peopleQuery;
	const wanted: Partial<Record<TrainingKind, number[]>> = options.training === 'all' ? { activist: unique, candidate: unique, probationary: unique } : {};
	if (options.training !== 'all') {
		for (const p of people.rows) {
			const kind = trainingForStage[stageOf(p)];
			if (kind) (wanted[kind] ??= []).push(p.id);
		}
	}
	const [[entries, supporters, exemptions], training] = await Promise.all([rest, trainingSummaries(db, wanted, at)]);
	// Each person's entries stay JSON text until their dossier is built.
	const entriesBy = new Map<number, string>();
	for (const r of entries.rows) entriesBy.set(r.personId, r.e);
	const supportersBy = group(supporters.rows);
	const exemptionsBy = group(exemptions.rows);
	const build = (p: (typeof people.rows)[number]): LoadedPerson => {
		const text = entriesBy.get(p.id);
		const personEntries = text === undefined ? [] : oldestFirst(JSON.parse(text) as EntryRow[]);
		const dossier = buildDossier(p, personEntries, supportersBy.get(p.id) ?? [], exemptionsBy.get(p.id) ?? [], training.summaries.get(p.id) ?? {});
		const record: RecordState | null = p.stage
			? { stage: p.stage, stageSince: p.stageSince!, external: !!p.external, imported: !!p.imported, closedOn: p.closedOn, closedReason: p.closedReason }
			: null;
		return { id: p.id, orgUnitId: p.orgUnitId, politicalStatus: p.politicalStatus, record, dossier, entries: personEntries, trainingNotes: training.notes.get(p.id) ?? {} };
	};
	return {
		*[Symbol.iterator]() {
			for (const p of people.rows) yield [p.id, build(p)];
		}
	};
}

/** The details of every entry stored without any (read only, like every entry's details). */
const NO_DETAILS: Record<string, unknown> = Object.freeze({});

/**
 * Oldest first; the rows mostly arrive so already (written in order), and then are left as they
 * are. An entry sent without details gets the shared empty ones.
 */
function oldestFirst(rows: EntryRow[]): EntryRow[] {
	let sorted = true;
	for (let i = 0; i < rows.length; i++) {
		if (rows[i].d === undefined) rows[i].d = NO_DETAILS;
		if (i > 0 && rows[i].on < rows[i - 1].on) sorted = false;
	}
	return sorted ? rows : rows.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

function group<T extends { personId: number }>(rows: T[]): Map<number, T[]> {
	const m = new Map<number, T[]>();
	for (const r of rows) {
		const list = m.get(r.personId);
		if (list) list.push(r);
		else m.set(r.personId, [r]);
	}
	return m;
}

export async function loadDossier(db: Db, personId: number, at: Date, options: LoadOptions = {}): Promise<LoadedPerson | undefined> {
	return (await loadDossiers(db, [personId], at, options)).get(personId);
}
