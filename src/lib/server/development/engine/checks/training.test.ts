import { describe, expect, it } from 'vitest';
import type { Certificate, TrainingSummary } from '../types';
import { dossier, run, settingsFor, without } from '../../../../../test-support/development-engine';
import { resolveSettings } from '../resolve-settings';
import { cpc2014 } from '../rule-sets/cpc-2014';

const base = dossier();
const withActivistCert = (certificate: Certificate | null) =>
	dossier({ training: { ...base.training, activist: { certificate, creditHours: { offline: 16, online: 8 }, days: 2, exam: 'passed', completed: certificate !== null, completedOn: certificate?.issuedOn ?? null } } });
const cert = (issuedOn: string, extra: Partial<Certificate> = {}): Certificate => ({ serial: 'JJ-1', issuedOn, validUntil: null, external: false, ...extra });
const withCandidateTraining = (t: Partial<TrainingSummary>) =>
	dossier({ training: { ...base.training, candidate: { certificate: null, creditHours: { offline: 0, online: 0 }, days: 0, exam: 'passed', completed: true, completedOn: '2026-11-20', ...t } } });
const candidateCert = (extra: Partial<Certificate> = {}): Certificate => ({ serial: 'FZ-1', issuedOn: '2026-11-20', validUntil: null, external: false, ...extra });

describe('activist-training', () => {
	it('passes a certificate still valid on the decision day', () => {
		expect(run('activist-training', base, 'to_candidate', '2026-09-29')).toMatchObject({
			status: 'pass',
			reason: '结业证书 JJ-2025-001，2025-11-20 颁发，有效期至 2027-11-20',
			exemptable: true
		});
	});

	it('is valid through the 24th month and expired the day after', () => {
		expect(run('activist-training', withActivistCert(cert('2024-09-29')), 'to_candidate', '2026-09-29').status).toBe('pass');
		const expired = run('activist-training', withActivistCert(cert('2024-09-28')), 'to_candidate', '2026-09-29');
		expect(expired).toMatchObject({ status: 'fail', reason: '结业证书 JJ-1 已于 2026-09-28 过期（2024-09-28 颁发），须重新参加培训' });
	});

	it('uses the shorter of the certificate’s own validity and the school setting', () => {
		expect(run('activist-training', withActivistCert(cert('2025-11-20', { validUntil: '2026-06-30' })), 'to_candidate', '2026-09-29').status).toBe('fail');
		const shorter = settingsFor({ 'activist-training': { validMonths: 6 } });
		expect(run('activist-training', withActivistCert(cert('2026-03-01')), 'to_candidate', '2026-09-29', shorter).status).toBe('fail');
	});

	it('accepts a certificate from another school that the committee confirmed, or refuses it by setting', () => {
		const external = withActivistCert(cert('2026-01-10', { external: true, issuer: '某大学党校' }));
		expect(run('activist-training', external, 'to_candidate', '2026-09-29')).toMatchObject({ status: 'pass', reason: '结业证书 JJ-1，外校（某大学党校）颁发，经党委确认，2026-01-10 颁发，有效期至 2028-01-10' });
		expect(run('activist-training', external, 'to_candidate', '2026-09-29', settingsFor({ 'activist-training': { acceptExternal: false } })).status).toBe('fail');
	});

	it('fails without a certificate', () => {
		expect(run('activist-training', withActivistCert(null), 'to_candidate', '2026-09-29').reason).toBe('尚无入党积极分子培训结业证书');
	});
});

describe('candidate-training', () => {
	it('passes three days or 24 学时', () => {
		expect(run('candidate-training', base, 'to_probationary', '2026-12-15')).toMatchObject({ status: 'pass', source: '《细则》第十七条', exemptable: true });
		expect(run('candidate-training', withCandidateTraining({ days: 3 }), 'to_probationary', '2026-12-15').status).toBe('pass');
		expect(run('candidate-training', withCandidateTraining({ days: 2, creditHours: { offline: 24, online: 0 } }), 'to_probationary', '2026-12-15').status).toBe('pass');
	});

	it('fails two days and 23 学时', () => {
		const r = run('candidate-training', withCandidateTraining({ days: 2, creditHours: { offline: 23, online: 0 } }), 'to_probationary', '2026-12-15');
		expect(r).toMatchObject({ status: 'fail', reason: '发展对象集中培训不足：2天、计入23学时（线下23，线上0，线上最多计入24），须不少于3天或24学时' });
	});

	it('counts online hours only up to the school cap', () => {
		const d = withCandidateTraining({ days: 1, creditHours: { offline: 12, online: 20 } });
		expect(run('candidate-training', d, 'to_probationary', '2026-12-15').status).toBe('pass');
		expect(run('candidate-training', d, 'to_probationary', '2026-12-15', settingsFor({ 'candidate-training': { onlineCreditHoursCap: 8 } })).status).toBe('fail');
	});

	it('fails a failed exam', () => {
		expect(run('candidate-training', withCandidateTraining({ days: 3, exam: 'failed' }), 'to_probationary', '2026-12-15').reason).toBe('发展对象集中培训结业考试未通过');
	});

	it('says an exam not yet taken is not taken, and one awaiting its grade is awaiting it, not failed', () => {
		const notTaken = run('candidate-training', withCandidateTraining({ days: 3, exam: 'not_taken', completed: false }), 'to_probationary', '2026-12-15');
		expect(notTaken).toMatchObject({ status: 'fail', reason: '发展对象集中培训尚未参加结业考试' });
		const ungraded = run('candidate-training', withCandidateTraining({ days: 3, exam: 'ungraded', completed: false }), 'to_probationary', '2026-12-15');
		expect(ungraded).toMatchObject({ status: 'fail', reason: '发展对象集中培训结业考试已交卷，成绩待评定' });
	});

	it('refuses 24 online hours, no offline day and no exam: the training was never completed', () => {
		const online = withCandidateTraining({ days: 0, creditHours: { offline: 0, online: 24 }, exam: null, completed: false, completedOn: null });
		const r = run('candidate-training', online, 'to_probationary', '2026-12-15');
		expect(r.status).toBe('fail');
		expect(r.reason).toBe('发展对象集中培训尚未结业：未达到培训班的结业条件');
	});

	it('refuses a completed course that was all online: part of 集中培训 must be offline', () => {
		const online = withCandidateTraining({ certificate: candidateCert(), days: 0, creditHours: { offline: 0, online: 24 }, exam: 'passed' });
		expect(run('candidate-training', online, 'to_probationary', '2026-12-15')).toMatchObject({
			status: 'fail',
			reason: '发展对象集中培训线下部分不足：线下0天、0学时，须线下不少于2天或12学时'
		});
		const half = withCandidateTraining({ certificate: candidateCert(), days: 1, creditHours: { offline: 12, online: 12 } });
		expect(run('candidate-training', half, 'to_probationary', '2026-12-15').status).toBe('pass');
		const stricter = settingsFor({ 'candidate-training': { minOfflineCreditHours: 16 } });
		expect(run('candidate-training', half, 'to_probationary', '2026-12-15', stricter).status).toBe('fail');
	});

	it('refuses a certificate issued after the admitting branch meeting, as the activist check does', () => {
		// The fixture's admitting meeting is 2026-12-15.
		const late = withCandidateTraining({ certificate: candidateCert({ issuedOn: '2026-12-20' }), days: 3, completedOn: '2026-12-20' });
		expect(run('candidate-training', late, 'to_probationary', '2027-01-08')).toMatchObject({
			status: 'fail',
			reason: '发展对象集中培训结业证书 FZ-1 颁发于 2026-12-20，晚于接收预备党员的支部大会（2026-12-15）：须在支部大会前完成培训'
		});
		const sameDay = withCandidateTraining({ certificate: candidateCert({ issuedOn: '2026-12-15' }), days: 3, completedOn: '2026-12-15' });
		expect(run('candidate-training', sameDay, 'to_probationary', '2027-01-08').status).toBe('pass');
	});

	it('keeps the first issue date of a reissued certificate as the day training was completed', () => {
		const reissued = withCandidateTraining({ certificate: candidateCert({ issuedOn: '2027-01-02' }), days: 3, completedOn: '2026-11-20' });
		expect(run('candidate-training', reissued, 'to_probationary', '2027-01-08').status).toBe('pass');
	});

	it('without a certificate: a warning before the meeting, a refusal once the meeting is on record', () => {
		const live = { certificate: null, days: 3, completedOn: null };
		const before = run('candidate-training', without.meeting(withCandidateTraining(live), 'admission'), 'to_probationary', '2026-12-01');
		expect(before).toMatchObject({ status: 'warn', reason: expect.stringContaining('尚未颁发结业证书，须在召开支部大会前颁发') });
		expect(run('candidate-training', withCandidateTraining(live), 'to_probationary', '2027-01-08')).toMatchObject({
			status: 'fail',
			reason: '发展对象集中培训尚未颁发结业证书，无法确认在接收预备党员的支部大会（2026-12-15）前结业'
		});
	});

	it('applies the school’s acceptExternal to candidate training too', () => {
		const external = withCandidateTraining({ certificate: candidateCert({ external: true, issuer: '某大学党校' }), days: 3 });
		expect(run('candidate-training', external, 'to_probationary', '2026-12-15')).toMatchObject({ status: 'pass', reason: expect.stringContaining('外校（某大学党校）颁发，经党委确认') });
		const refused = run('candidate-training', external, 'to_probationary', '2026-12-15', settingsFor({ 'activist-training': { acceptExternal: false } }));
		expect(refused).toMatchObject({ status: 'fail', reason: '结业证书 FZ-1 为外校（某大学党校）颁发，本校不认可，须参加本校发展对象集中培训' });
	});

	it('validates the offline minimum like every national floor, in Chinese', () => {
		expect(resolveSettings(cpc2014, { 'candidate-training': { minOfflineCreditHours: 6 } })).toEqual({ ok: false, errors: ['『发展对象集中培训』的线下学时为学校规定，只能从严：不能低于 12 学时'] });
		expect(resolveSettings(cpc2014, { 'candidate-training': { minOfflineDays: 1.5 } })).toEqual({ ok: false, errors: ['『发展对象集中培训』的线下培训天数应为整数'] });
		expect(resolveSettings(cpc2014, { 'candidate-training': { minOfflineDays: 30 } })).toEqual({ ok: false, errors: ['『发展对象集中培训』的线下培训天数不能超过 10 天'] });
		expect(resolveSettings(cpc2014, { 'candidate-training': { minOfflineDays: 3, minOfflineCreditHours: 24 } }).ok).toBe(true);
	});
});

describe('probationary-training', () => {
	const on = settingsFor({ 'probationary-training': { enabled: true } });

	it('passes with a certificate and fails without one', () => {
		expect(run('probationary-training', base, 'to_member', '2027-12-20', on).status).toBe('pass');
		const none = dossier({ training: { ...base.training, probationary: null } });
		expect(run('probationary-training', none, 'to_member', '2027-12-20', on)).toMatchObject({ status: 'fail', exemptable: true });
	});

	it('applies the school’s acceptExternal to probationary training too', () => {
		const cert = { serial: 'W-9', issuedOn: '2027-06-01', validUntil: null, external: true, issuer: '某大学党校' };
		const external = dossier({ training: { ...base.training, probationary: { ...base.training.probationary!, certificate: cert } } });
		expect(run('probationary-training', external, 'to_member', '2027-12-20', on).status).toBe('pass');
		const refuse = settingsFor({ 'probationary-training': { enabled: true }, 'activist-training': { acceptExternal: false } });
		expect(run('probationary-training', external, 'to_member', '2027-12-20', refuse)).toMatchObject({ status: 'fail', reason: '结业证书 W-9 为外校（某大学党校）颁发，本校不认可，须参加本校预备党员培训' });
	});
});
