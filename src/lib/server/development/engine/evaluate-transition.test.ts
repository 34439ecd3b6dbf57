import { describe, expect, it } from 'vitest';
import { evaluateTransition } from './evaluate-transition';
import { cpc2026 } from './rule-sets';
import type { EffectiveSettings } from './rule-types';
import type { Certificate, Exemption, PersonDossier, Stage, Transition } from './types';
import { calendar, defaults, dossier, settingsFor, without } from '../../../../test-support/development-engine';

const evaluate = (d: PersonDossier, t: Transition, today: string, settings: EffectiveSettings = defaults) => evaluateTransition(d, t, settings, { today, calendar });
const at = (stage: Stage, overrides: Partial<PersonDossier> = {}) => dossier({ stage, ...overrides });
const exemption = (checkId: string, reason = '党委研究同意'): Exemption => ({ checkId, reason, grantedOn: '2026-09-28' });
const expiredCert: Certificate = { serial: 'JJ-2024-009', issuedOn: '2024-06-01', validUntil: null, external: false };
const withExpiredCert = (d: PersonDossier) => ({ ...d, training: { ...d.training, activist: { ...d.training.activist!, certificate: expiredCert } } });

describe('evaluateTransition: a complete record', () => {
	it.each([
		['apply', 'applicant', '2025-03-03', ['age']],
		['to_activist', 'applicant', '2025-09-22', ['age', 'talk-1m', 'app-to-activist', 'league-rec', 'league-rec-age', 'decision-filed']],
		['to_candidate', 'activist', '2026-10-09', ['decision-filed', 'mentors', 'evaluations', 'thought-reports', 'one-year', 'activist-training', 'opinions', 'candidate-notice']],
		['to_probationary', 'candidate', '2027-01-08', ['sponsors', 'political-review', 'political-review-age', 'candidate-training', 'pre-review', 'admission-form', 'leaving-3m', 'admission-notice', 'meeting-after-review', 'vote', 'committee-talk', 'approver', 'approval-3m', 'branch-review']],
		['to_member', 'probationary', '2028-01-10', ['vote', 'approver', 'approval-3m', 'probation-1y', 'admission-filed', 'placement', 'oath', 'probation-evaluations', 'probation-thought-reports', 'confirmation-application']]
	] as const)('%s passes every check, in table order', (transition, stage, today, ids) => {
		const r = evaluate(at(stage), transition, today);
		expect(r.results.map((x) => x.checkId)).toEqual(ids);
		expect(r.results.filter((x) => x.status !== 'pass')).toEqual([]);
		expect(r).toMatchObject({ blocked: false, blockingChecks: [] });
	});
});

describe('evaluateTransition: blocking', () => {
	it('blocks on a failing check and names it', () => {
		const d = at('activist', { mentors: [] });
		const r = evaluate(d, 'to_candidate', '2026-10-09');
		expect(r).toMatchObject({ blocked: true, blockingChecks: ['mentors'] });
	});

	it('blocks on a pending check: the date has not come', () => {
		const d = without.decision(at('activist', { decisions: [{ stage: 'activist', decidedOn: '2026-03-01', decidedBy: 'branch_committee', filedOn: '2026-03-05' }] }), 'candidate');
		const r = evaluate(d, 'to_candidate', '2026-11-26');
		expect(r.blocked).toBe(true);
		expect(r.blockingChecks).toContain('one-year');
		expect(r.results.find((x) => x.checkId === 'one-year')?.reason).toBe('培养考察未满一年：2027-03-01 满一年');
	});

	it('does not block on a warning', () => {
		// The application talk came after its month (2025-03-03 → 2025-04-10): late, yet not a reason to stop.
		const late = at('applicant', { talks: [{ kind: 'application', heldOn: '2025-04-10', by: 'branch' }] });
		const r = evaluate(late, 'to_activist', '2025-09-15');
		expect(r.results.find((x) => x.checkId === 'talk-1m')?.status).toBe('warn');
		expect(r.blocked).toBe(false);
	});

	it('re-evaluates at the moment of the transition: a certificate that lapsed since blocks', () => {
		const d = without.decision(at('activist'), 'candidate');
		expect(evaluate(d, 'to_candidate', '2026-10-09').blockingChecks).toEqual(['decision-filed']);
		expect(evaluate(d, 'to_candidate', '2027-11-20').blockingChecks).not.toContain('activist-training');
		const lapsed = evaluate(d, 'to_candidate', '2027-11-21');
		expect(lapsed.blockingChecks).toContain('activist-training');
		expect(lapsed.results.find((x) => x.checkId === 'activist-training')?.reason).toBe('结业证书 JJ-2025-001 已于 2027-11-20 过期（2025-11-20 颁发），须重新参加培训');
	});

	it('blocks when the person is not at the starting stage', () => {
		const r = evaluate(at('candidate'), 'to_candidate', '2026-10-09');
		expect(r).toMatchObject({ blocked: true, blockingChecks: [], stageError: '当前为发展对象，此项须由入党积极分子办理' });
	});

	it('skips checks a school switched off, and runs those it switched on', () => {
		const settings = settingsFor({ 'thought-reports': { enabled: false }, 'probationary-training': { enabled: true } });
		expect(evaluate(at('activist', { thoughtReports: [] }), 'to_candidate', '2026-10-09', settings).blocked).toBe(false);
		const member = evaluate(at('probationary', { training: { ...dossier().training, probationary: null } }), 'to_member', '2028-01-10', settings);
		expect(member.blockingChecks).toEqual(['probationary-training']);
	});
});

describe('evaluateTransition: exemptions', () => {
	it('lets an exemption cover an exemptable failing check', () => {
		const d = withExpiredCert(at('activist', { exemptions: [exemption('activist-training', '证书过期系培训延期所致')] }));
		const r = evaluate(d, 'to_candidate', '2026-10-09');
		const cert = r.results.find((x) => x.checkId === 'activist-training');
		expect(cert).toMatchObject({ status: 'fail', exemption: { applied: true, reason: '证书过期系培训延期所致' } });
		expect(r.blocked).toBe(false);
	});

	it('ignores an exemption on a national check, saying why', () => {
		const d = at('activist', { mentors: [], exemptions: [exemption('mentors')] });
		const r = evaluate(d, 'to_candidate', '2026-10-09');
		expect(r.results.find((x) => x.checkId === 'mentors')?.exemption).toEqual({
			applied: false,
			reason: '党委研究同意',
			note: '本项为全国统一规定，不能豁免，已登记的豁免不予采用'
		});
		expect(r.blockingChecks).toEqual(['mentors']);
	});

	it('allows the national exemption paths: candidate training and leaving within 3 months', () => {
		const base = at('candidate', { graduationDate: '2027-03-01', exemptions: [exemption('candidate-training'), exemption('leaving-3m', '毕业后留校工作')] });
		const d = { ...base, training: { ...base.training, candidate: null } };
		const r = evaluate(d, 'to_probationary', '2027-01-08');
		expect(r.results.filter((x) => x.status === 'fail').map((x) => [x.checkId, x.exemption?.applied])).toEqual([
			['candidate-training', true],
			['leaving-3m', true]
		]);
		expect(r.blocked).toBe(false);
	});

	it('leaves passing checks untouched by an exemption', () => {
		const r = evaluate(at('activist', { exemptions: [exemption('activist-training')] }), 'to_candidate', '2026-10-09');
		expect(r.results.find((x) => x.checkId === 'activist-training')?.exemption).toBeUndefined();
	});

	it('cannot exempt the candidate notice under cpc-2026', () => {
		const d = at('activist', { publicNotices: [], exemptions: [exemption('candidate-notice')] });
		expect(evaluate(d, 'to_candidate', '2026-10-09').blocked).toBe(false);
		const draft = evaluate(d, 'to_candidate', '2026-10-09', settingsFor({}, cpc2026));
		expect(draft.blockingChecks).toEqual(['candidate-notice']);
	});
});

describe('evaluateTransition: probation decisions', () => {
	it('checks the extension rules and 第三十二条 timing when extending', () => {
		const r = evaluate(at('probationary', { probationExtensions: [{ decidedOn: '2027-12-20', months: 6 }] }), 'extend_probation', '2027-12-20');
		expect(r.results.map((x) => x.checkId)).toEqual(['approval-3m', 'probation-1y', 'extension-once']);
		expect(r.blocked).toBe(false);
	});

	it('checks 第三十二条 timing when cancelling probation: not before it ends', () => {
		const r = evaluate(at('probationary'), 'cancel_probation', '2027-12-20');
		expect(r.results.map((x) => x.checkId)).toEqual(['approval-3m', 'probation-1y']);
		expect(r.blocked).toBe(false);
		expect(evaluate(at('probationary'), 'cancel_probation', '2027-02-15').blockingChecks).toEqual(['probation-1y']);
	});
});

describe('evaluateTransition: cost', () => {
	it('evaluates 10,000 people through four transitions in well under 2 s of CPU', () => {
		const people = Array.from({ length: 10_000 }, (_, i) => at('activist', { thoughtReports: i % 7 ? dossier().thoughtReports : [] }));
		// CPU time, not wall time: the test machine is shared, and the budget is about our work.
		const before = process.cpuUsage();
		let blocked = 0;
		for (const p of people) {
			for (const t of ['to_activist', 'to_candidate', 'to_probationary', 'to_member'] as const) if (evaluate(p, t, '2026-10-09').blocked) blocked++;
		}
		const used = process.cpuUsage(before);
		expect(blocked).toBe(30_000 + Math.ceil(10_000 / 7));
		expect((used.user + used.system) / 1000).toBeLessThan(2000);
	});
});
