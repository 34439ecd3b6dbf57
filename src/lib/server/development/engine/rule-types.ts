import type { Transition } from './types';

type NoParams = Record<string, never>;

/** Every check of development-rules.md §2 and the parameters its rule takes. */
export interface CheckParamsById {
	age: { minAge: number };
	'talk-1m': { months: number };
	'app-to-activist': { months: number };
	'league-rec': { recommendationMaxAge: number; opinionMaxAge: number };
	'league-rec-age': { validMonths: number };
	'decision-filed': NoParams;
	mentors: { min: number; max: number };
	evaluations: { maxGapMonths: number };
	'thought-reports': { enabled: boolean; intervalMonths: number };
	'one-year': { months: number; anchor: 'decision' | 'filing' };
	'activist-training': { validMonths: number; acceptExternal: boolean };
	opinions: NoParams;
	'candidate-notice': { enabled: boolean; workingDays: number };
	sponsors: { count: number };
	'political-review': NoParams;
	'political-review-age': { maxMonths: number };
	'candidate-training': { minDays: number; minCreditHours: number; onlineCreditHoursCap: number; minOfflineDays: number; minOfflineCreditHours: number };
	'pre-review': NoParams;
	'admission-form': NoParams;
	'leaving-3m': { months: number };
	'admission-notice': { workingDays: number };
	'meeting-after-review': { months: number };
	vote: { quorumRatio: number; passRatio: number };
	'committee-talk': NoParams;
	approver: NoParams;
	'approval-3m': { months: number; hardStopMonths: number; confirmationHardStopMonths: number };
	'probation-1y': { months: number };
	'extension-once': { maxExtensions: number; minMonths: number; maxMonths: number };
	'probationary-training': { enabled: boolean };
	'branch-review': NoParams;
	'admission-filed': { months: number };
	placement: { months: number };
	oath: { months: number };
	'probation-evaluations': { maxGapMonths: number };
	'probation-thought-reports': { enabled: boolean; intervalMonths: number };
	'confirmation-notice': { enabled: boolean; workingDays: number };
	'confirmation-application': { earliestDaysBefore: number };
	archive: { months: number };
}

export type CheckId = keyof CheckParamsById;
export type ParamValue = number | boolean | string;

/**
 * What a school may do with one parameter. A national floor is `fixed` or `tighten`: a school may
 * only make it stricter, up to `limit` (a sanity bound against typos like 120 months).
 */
export type Latitude<V> = [V] extends [boolean]
	? { mode: 'fixed' } | { mode: 'toggle' }
	: [V] extends [number]
		? { mode: 'fixed' } | { mode: 'tighten'; direction: 'min_only_up' | 'max_only_down'; limit: number } | { mode: 'set'; min: number; max: number }
		: { mode: 'fixed' } | { mode: 'choose'; options: readonly V[] };

export interface ParamSpec<V> {
	/** Chinese, used in messages: 『培养考察满一年』的「月数」… */
	title: string;
	unit: string;
	default: V;
	school: Latitude<V>;
	/**
	 * Who fixes the value when the rule itself is national: 'school' for a parameter no national text
	 * sets (e.g. 第十七条 says nothing of offline days), so it reads as the school's, not 全国规定.
	 */
	setBy?: 'school';
}

export interface RuleDefinition<K extends CheckId = CheckId> {
	id: K;
	title: string;
	source: string;
	level: 'national' | 'school';
	transitions: readonly Transition[];
	/** Only school rules and the training checks (「个别特殊情况」) may be exempted. */
	exemptable: boolean;
	params: { [P in keyof CheckParamsById[K]]-?: ParamSpec<CheckParamsById[K][P]> };
	/** probation-1y only: where the text allows extending or cancelling early for 违犯党纪, cited in the reason. */
	earlySource?: string;
}

export type RuleTable = { [K in CheckId]: RuleDefinition<K> };

export interface RuleSet {
	id: string;
	title: string;
	status: 'in_force' | 'draft';
	/** Shown only to the admin choosing the rule set (e.g. that its official text is not in hand), never to learners. */
	adminNote?: string;
	rules: RuleTable;
}

/** A rule with the school's effective parameters, as the checks receive it. */
export interface AppliedRule<K extends CheckId = CheckId> {
	id: K;
	title: string;
	source: string;
	level: 'national' | 'school';
	exemptable: boolean;
	params: CheckParamsById[K];
	/** See RuleDefinition.earlySource. */
	earlySource?: string;
	/** Set when a college committee's stricter value applies (college-rules.ts): the reason says so. */
	setBy?: 'college';
}

export interface EffectiveSettings {
	ruleSetId: string;
	rules: { [K in CheckId]: AppliedRule<K> };
	/** Enabled checks per transition, in table order; computed once per school, not per person. */
	byTransition: Record<Transition, readonly CheckId[]>;
}
