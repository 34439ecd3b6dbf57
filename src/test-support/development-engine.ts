import { compileCalendar } from '../lib/server/development/engine/calendar';
import { officialCalendarData } from '../lib/server/development/engine/calendar-data';
import { checks } from '../lib/server/development/engine/checks';
import { cpc2014 } from '../lib/server/development/engine/rule-sets/cpc-2014';
import type { CheckId, EffectiveSettings, RuleSet } from '../lib/server/development/engine/rule-types';
import { resolveSettings, type SchoolOverrides } from '../lib/server/development/engine/resolve-settings';
import type { CalendarDate, CheckContext, CheckResult, PersonDossier, Transition } from '../lib/server/development/engine/types';

// Test support: one person whose record satisfies every check of cpc-2014 at the dates below, so
// each test changes only what it is about. Calendar years used: 2025 and 2026 (both shipped).

export const calendar = compileCalendar(officialCalendarData);

export function settingsFor(overrides: SchoolOverrides = {}, ruleSet: RuleSet = cpc2014): EffectiveSettings {
	const resolved = resolveSettings(ruleSet, overrides);
	if (!resolved.ok) throw new Error(resolved.errors.join('; '));
	return resolved.settings;
}

export const defaults = settingsFor();

export function dossier(overrides: Partial<PersonDossier> = {}): PersonDossier {
	return {
		birthDate: '2005-03-10',
		graduationDate: '2029-07-01',
		expectedLeavingDate: null,
		stage: 'probationary',
		isLeagueMember: true,
		application: { submittedOn: '2025-03-03' },
		talks: [
			{ kind: 'application', heldOn: '2025-03-20', by: 'branch' },
			{ kind: 'pre_approval', heldOn: '2026-12-20', by: 'organizer' }
		],
		nominations: [{ kind: 'league_recommendation', madeOn: '2025-09-01' }],
		decisions: [
			{ stage: 'activist', decidedOn: '2025-09-15', decidedBy: 'branch_committee', filedOn: '2025-09-22' },
			{ stage: 'candidate', decidedOn: '2026-09-29', decidedBy: 'branch_committee', filedOn: '2026-10-09' }
		],
		mentors: [
			{ name: '王芳', isFullMember: true, assignedOn: '2025-09-15', endedOn: null },
			{ name: '李强', isFullMember: true, assignedOn: '2025-09-15', endedOn: null }
		],
		// Half-yearly as an activist, then half-yearly through probation (from the meeting of 2026-12-15).
		evaluations: ['2026-03-10', '2026-09-08', '2027-06-10', '2027-12-05'],
		// Quarterly as an activist, then quarterly through probation.
		thoughtReports: ['2025-11-20', '2026-02-20', '2026-05-20', '2026-08-20', '2027-03-10', '2027-06-10', '2027-09-10', '2027-12-05'],
		opinions: (['party_group', 'mentors', 'members', 'masses'] as const).map((source) => ({ source, gatheredOn: '2026-09-10' })),
		publicNotices: [
			// Mon 21 Sep 2026; 25–27 Sep is 中秋, so the 5th working day is Mon 28 Sep.
			{ kind: 'candidate', startsOn: '2026-09-21', workingDays: 5, unresolvedObjections: false },
			{ kind: 'admission', startsOn: '2026-12-07', workingDays: 5, unresolvedObjections: false }
		],
		sponsors: [
			{ name: '王芳', isFullMember: true, discipline: [] },
			{ name: '张伟', isFullMember: true, discipline: [] }
		],
		politicalReviews: [{ concludedOn: '2026-11-10', conclusion: 'qualified' }],
		preReviews: [{ answeredOn: '2026-12-01', passed: true }],
		admissionForm: { issuedOn: '2026-12-03', serial: 'ZY-2026-0018' },
		branchMeetings: [
			{ purpose: 'admission', heldOn: '2026-12-15', membersWithVotingRights: 20, excused: 0, fromRoll: true, present: 18, votesFor: 17, votesAgainst: 1, abstentions: 0 },
			{ purpose: 'confirmation', heldOn: '2027-12-20', membersWithVotingRights: 22, excused: 0, fromRoll: true, present: 20, votesFor: 20, votesAgainst: 0, abstentions: 0 }
		],
		approvals: [
			{ purpose: 'admission', approvedOn: '2027-01-08', approverKind: 'committee' },
			{ purpose: 'confirmation', approvedOn: '2028-01-10', approverKind: 'committee' }
		],
		probationExtensions: [],
		training: {
			activist: {
				certificate: { serial: 'JJ-2025-001', issuedOn: '2025-11-20', validUntil: null, external: false },
				creditHours: { offline: 16, online: 8 },
				days: 2,
				exam: 'passed',
				completed: true,
				completedOn: '2025-11-20'
			},
			candidate: {
				certificate: { serial: 'FZ-2026-018', issuedOn: '2026-11-20', validUntil: null, external: false },
				creditHours: { offline: 24, online: 0 },
				days: 3,
				exam: 'passed',
				completed: true,
				completedOn: '2026-11-20'
			},
			probationary: {
				certificate: { serial: 'YB-2027-007', issuedOn: '2027-06-01', validUntil: null, external: false },
				creditHours: { offline: 8, online: 4 },
				days: 1,
				exam: 'passed',
				completed: true,
				completedOn: '2027-06-01'
			}
		},
		exemptions: [],
		// 支委会审查 between the 发展对象 decision and the 预审's answer.
		branchReviews: ['2026-11-25'],
		filings: [{ stage: 'probationary', filedOn: '2027-01-20' }],
		placements: ['2027-01-15'],
		// Within a month of the approval (2027-01-08), as 2026's 第二十九条 asks.
		oaths: ['2027-01-20'],
		// The day probation ends: early enough for cpc-2014 (a week before), not too early for cpc-2026.
		confirmationApplications: ['2027-12-15'],
		archives: ['2028-01-20'],
		...overrides
	};
}

/** Run one check as the evaluator would, with cpc-2014 defaults unless `settings` says otherwise. */
export function run(id: CheckId, d: PersonDossier, transition: Transition, today: CalendarDate, settings: EffectiveSettings = defaults): CheckResult {
	const ctx: CheckContext = { today, calendar, transition, acceptExternalTraining: settings.rules['activist-training'].params.acceptExternal };
	return call(id, d, settings, ctx);
}

function call<K extends CheckId>(id: K, d: PersonDossier, settings: EffectiveSettings, ctx: CheckContext): CheckResult {
	return checks[id](d, settings.rules[id], ctx);
}

/** Drop the record that stands for a decision, to evaluate as of "today" instead. */
export const without = {
	decision: (d: PersonDossier, stage: 'activist' | 'candidate'): PersonDossier => ({ ...d, decisions: d.decisions.filter((x) => x.stage !== stage) }),
	meeting: (d: PersonDossier, purpose: string): PersonDossier => ({ ...d, branchMeetings: d.branchMeetings.filter((m) => m.purpose !== purpose) }),
	approval: (d: PersonDossier, purpose: string): PersonDossier => ({ ...d, approvals: d.approvals.filter((a) => a.purpose !== purpose) })
};
