import { sql } from 'kysely';
import type { Db } from '$lib/server/db';
import { educationLabels, educations } from '$lib/people/registry';
import { genderLabels } from '$lib/labels';
import { stageOrder } from '$lib/development/labels';
import {
	NOT_FILLED,
	statisticDimensions,
	statisticMeasures,
	type StatisticCounts,
	type StatisticDimension,
	type StatisticRow
} from '$lib/development/statistics';
import { inScope, overlapsScope } from '../../auth/scope';

// The development tables of the year report (党内统计): how many people took each step in a
// calendar year, by college, gender, 民族, grade and 学历. Counted from the dated steps on file —
// the same entries the engine reads, the latest of each kind as the dossier takes it — never
// from a typed number, in one grouped statement whatever the size of the school.

export interface StatisticsOptions {
	year: number;
	/** Probation's length in months (the rule set's probation-1y); extensions are added per person. */
	probationMonths: number;
}

export interface Statistics {
	year: number;
	total: StatisticCounts;
	byDimension: Record<StatisticDimension, StatisticRow[]>;
}

const zero = (): StatisticCounts => ({ applicants: 0, activists: 0, candidates: 0, admitted: 0, confirmed: 0 });

interface GroupedRow {
	dim: string;
	value: string | null;
	applicants: number | string;
	activists: number | string;
	candidates: number | string;
	admitted: number | string;
	confirmed: number | string;
}

/**
 * The year's figures for everyone whose branch lies in `paths`. A step counts when its latest
 * record (not voided) falls in the year and the person got that far: a 支委会 decision on an
 * applicant whose move to activist is still to be made is not yet an activist. 入党 is the
 * admitting branch meeting, 转正 the end of probation (party age counts from it).
 */
export async function developmentStatistics(db: Db, paths: readonly string[], options: StatisticsOptions): Promise<Statistics> {
	const byDimension = Object.fromEntries(statisticDimensions.map((d) => [d, [] as StatisticRow[]])) as Record<StatisticDimension, StatisticRow[]>;
	const total = zero();
	if (paths.length === 0) return { year: options.year, total, byDimension };
	const from = `${options.year}-01-01`;
	const to = `${options.year + 1}-01-01`;
	const inYear = (column: string) => sql`(${sql.ref(column)} >= ${from}::date and ${sql.ref(column)} < ${to}::date)`;
	const stages = sql`array[${sql.join(stageOrder.map((s) => sql.lit(s)))}]::text[]`;
	// One pass: each person's steps aggregated beside their registry fields (a join, not a second
	// scan per person), then every breakdown and the total from the same rows by grouping sets.
	const { rows } = await sql<GroupedRow>`
		with facts as (
			select p.gender, nullif(btrim(p.ethnicity), '') as ethnicity, p.education, nullif(btrim(p.grade), '') as grade,
				coalesce(nullif(split_part(o.path, '/', 3), ''), split_part(o.path, '/', 2)) as college,
				-- a stage reached before a later withdrawal and new application still happened
				greatest(
					array_position(${stages}, r.stage::text) - 1,
					max(array_position(${stages}, e.details->>'to') - 1) filter (where e.kind = 'stage_change')
				) as reached,
				max(e.occurred_on) filter (where e.kind = 'application') as applied_on,
				max(e.occurred_on) filter (where e.kind = 'decision' and e.details->>'stage' = 'activist') as activist_on,
				max(e.occurred_on) filter (where e.kind = 'decision' and e.details->>'stage' = 'candidate') as candidate_on,
				max(e.occurred_on) filter (where e.kind = 'branch_meeting' and e.details->>'purpose' = 'admission') as admitted_on,
				coalesce(sum((e.details->>'months')::int) filter (where e.kind = 'probation_extension'), 0) as extended
			from development_record r
			join person p on p.id = r.person_id
			join org_unit o on o.id = p.org_unit_id
			join development_entry e on e.person_id = r.person_id and e.voided_at is null
				and e.kind in ('application', 'decision', 'branch_meeting', 'probation_extension', 'stage_change')
			where ${inScope('o.path', paths)}
			group by r.person_id, p.id, o.id
		),
		marked as (
			select college, gender, ethnicity, education, grade,
				${inYear('applied_on')} as applicant,
				(reached >= 1 and ${inYear('activist_on')}) as activist,
				(reached >= 2 and ${inYear('candidate_on')}) as candidate,
				(reached >= 3 and ${inYear('admitted_on')}) as admitted,
				(reached >= 4 and ${inYear('confirmed_on')}) as confirmed
			from (select *, (admitted_on + make_interval(months => ${options.probationMonths}::int + extended::int))::date as confirmed_on from facts) f
		)
		select
			case
				when grouping(college) = 0 then 'college'
				when grouping(gender) = 0 then 'gender'
				when grouping(ethnicity) = 0 then 'ethnicity'
				when grouping(grade) = 0 then 'grade'
				when grouping(education) = 0 then 'education'
				else 'total'
			end as dim,
			coalesce(college, gender, ethnicity, grade, education) as value,
			count(*) filter (where applicant) as applicants,
			count(*) filter (where activist) as activists,
			count(*) filter (where candidate) as candidates,
			count(*) filter (where admitted) as admitted,
			count(*) filter (where confirmed) as confirmed
		from marked
		where applicant or activist or candidate or admitted or confirmed
		group by grouping sets ((college), (gender), (ethnicity), (grade), (education), ())
	`.execute(db);

	const counted = new Map<StatisticDimension, Map<string, StatisticCounts>>(statisticDimensions.map((d) => [d, new Map()]));
	for (const r of rows) {
		const counts = Object.fromEntries(statisticMeasures.map((m) => [m, Number(r[m])])) as StatisticCounts;
		if (r.dim === 'total') Object.assign(total, counts);
		else counted.get(r.dim as StatisticDimension)!.set(r.value ?? '', counts);
	}
	const colleges = await collegesOf(db, paths, [...counted.get('college')!.keys()]);
	byDimension.college = colleges.map((c) => ({ key: String(c.id), label: c.name, counts: counted.get('college')!.get(String(c.id)) ?? zero() }));
	byDimension.gender = ordered(counted.get('gender')!, Object.keys(genderLabels), (k) => genderLabels[k as keyof typeof genderLabels] ?? k);
	byDimension.education = ordered(counted.get('education')!, educations, (k) => educationLabels[k as keyof typeof educationLabels] ?? k);
	byDimension.grade = ordered(counted.get('grade')!, [...counted.get('grade')!.keys()].filter(Boolean).sort(), (k) => (/^\d{4}$/.test(k) ? `${k}级` : k));
	// 民族: the most numerous first (汉族 leads in almost every school), as the tables list them.
	const byCount = [...counted.get('ethnicity')!].filter(([k]) => k).sort(([a, x], [b, y]) => sum(y) - sum(x) || a.localeCompare(b, 'zh'));
	byDimension.ethnicity = ordered(counted.get('ethnicity')!, byCount.map(([k]) => k), (k) => k);
	return { year: options.year, total, byDimension };
}

const sum = (c: StatisticCounts) => statisticMeasures.reduce((n, m) => n + c[m], 0);

/** Rows in the given order (values not in it after them), 未填写 last. */
function ordered(counted: Map<string, StatisticCounts>, order: readonly string[], label: (key: string) => string): StatisticRow[] {
	const keys = [...new Set([...order.filter((k) => counted.has(k)), ...[...counted.keys()].filter((k) => k !== '')])];
	const out = keys.map((key) => ({ key, label: label(key), counts: counted.get(key)! }));
	if (counted.has('')) out.push({ key: '', label: NOT_FILLED, counts: counted.get('')! });
	return out;
}

/**
 * The colleges (the units right under the school) the viewer's scope covers, in the tree's
 * order, each listed even with nothing counted; a college only reached through one of its
 * branches is named too, and so is the school for people kept directly under it.
 */
async function collegesOf(db: Db, paths: readonly string[], counted: string[]) {
	const ids = counted.map(Number).filter((n) => Number.isInteger(n) && n > 0);
	return db
		.selectFrom('orgUnit as o')
		.select(['o.id', 'o.name'])
		.where((eb) =>
			eb.or([
				eb.and([eb(sql`o.path ~ '^/[0-9]+/[0-9]+/$'`, '=', true), eb('o.kind', '!=', 'unit'), eb(overlapsScope('o.path', paths), '=', true)]),
				...(ids.length ? [eb('o.id', 'in', ids)] : [])
			])
		)
		.orderBy('o.sortOrder')
		.orderBy('o.path')
		.execute();
}
