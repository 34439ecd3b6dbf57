import { describe, expect, it } from 'vitest';
import type { Certificate, TrainingSummary } from '../types';
import { dossier, run, settingsFor } from '../testing';

const base = dossier();
const withActivistCert = (certificate: Certificate | null) =>
	dossier({ training: { ...base.training, activist: { certificate, creditHours: { offline: 16, online: 8 }, days: 2, examPassed: true } } });
const cert = (issuedOn: string, extra: Partial<Certificate> = {}): Certificate => ({ serial: 'JJ-1', issuedOn, validUntil: null, external: false, ...extra });
const withCandidateTraining = (t: Partial<TrainingSummary>) =>
	dossier({ training: { ...base.training, candidate: { certificate: null, creditHours: { offline: 0, online: 0 }, days: 0, examPassed: true, ...t } } });

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

	it('warns on a certificate from another school, or refuses it by setting', () => {
		const external = withActivistCert(cert('2026-01-10', { external: true }));
		expect(run('activist-training', external, 'to_candidate', '2026-09-29')).toMatchObject({ status: 'warn', reason: '外校结业证书 JJ-1，有效期至 2028-01-10，请人工核对' });
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
		expect(run('candidate-training', withCandidateTraining({ days: 3, examPassed: false }), 'to_probationary', '2026-12-15').reason).toBe('发展对象集中培训结业考试未通过');
	});
});

describe('probationary-training', () => {
	const on = settingsFor({ 'probationary-training': { enabled: true } });

	it('passes with a certificate and fails without one', () => {
		expect(run('probationary-training', base, 'to_member', '2027-12-20', on).status).toBe('pass');
		const none = dossier({ training: { ...base.training, probationary: null } });
		expect(run('probationary-training', none, 'to_member', '2027-12-20', on)).toMatchObject({ status: 'fail', exemptable: true });
	});
});
