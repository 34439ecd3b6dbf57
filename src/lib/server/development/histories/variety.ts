import { addDays, type CalendarDate } from '../engine/dates';
import type { Education } from '$lib/people/registry';
import type { DevelopmentStage } from '../tables';
import { buildHistory, type History } from './generate';

// People as a school's registry holds them — both genders, a few 民族, grades, 学历, and some
// with a field left empty — each with a record whose steps are spread over the last three
// years: what the annual statistics' test and bench count. Deterministic in `i`.

export interface VarietyPerson {
	gender: 'male' | 'female';
	ethnicity: string | null;
	education: Education | null;
	grade: string | null;
	history: History;
}

/** A cheap integer hash, so the fields do not move in step with one another. */
const mix = (i: number, salt: number) => {
	let h = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b);
	h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
	return ((h ^ (h >>> 12)) >>> 0) / 2 ** 32;
};

const pick = <T>(x: number, table: readonly [T, number][]): T => {
	for (const [value, share] of table) if ((x -= share) < 0) return value;
	return table[table.length - 1][0];
};

const ethnicityTable: [string | null, number][] = [['汉族', 0.8], ['回族', 0.04], ['壮族', 0.04], ['满族', 0.03], ['维吾尔族', 0.02], ['蒙古族', 0.02], [null, 0.05]];
const educationTable: [Education | null, number][] = [['bachelor', 0.7], ['master', 0.17], ['doctorate', 0.05], ['associate', 0.03], [null, 0.05]];
const gradeTable: [string | null, number][] = [['2021', 0.12], ['2022', 0.22], ['2023', 0.24], ['2024', 0.22], ['2025', 0.16], [null, 0.04]];
const stageTable: [DevelopmentStage, number][] = [['applicant', 0.25], ['activist', 0.3], ['candidate', 0.12], ['probationary', 0.15], ['member', 0.18]];

export function varietyPerson(i: number, today: CalendarDate): VarietyPerson {
	const stage = pick(mix(i, 4), stageTable);
	// Probationary and member need `since` a fortnight back at least (the approval follows the meeting).
	const since = addDays(today, -(stage === 'probationary' || stage === 'member' ? 20 : 0) - Math.floor(mix(i, 5) * 900));
	const history = buildHistory({
		stage,
		since,
		today,
		isLeagueMember: mix(i, 6) < 0.9,
		// Some decided on their next step without the move made yet: not counted at the next stage.
		undecided: mix(i, 7) < 0.5,
		gaps: i % 4 === 1 ? 1 : undefined
	});
	return {
		gender: mix(i, 0) < 0.55 ? 'female' : 'male',
		ethnicity: pick(mix(i, 1), ethnicityTable),
		education: pick(mix(i, 2), educationTable),
		grade: pick(mix(i, 3), gradeTable),
		history: { ...history, certificates: [] }
	};
}
