import { describe, expect, it } from 'vitest';
import { buildDossier, stageOf, type EntryRow, type PersonRow } from './dossier-map';

const person: PersonRow = { id: 1, birthDate: '2004-01-01', graduationDate: '2028-06-30', politicalStatus: 'league_member', stage: null, isLeagueMember: null, expectedLeavingDate: null };
const e = (kind: EntryRow['kind'], on: string, d: Record<string, unknown> = {}): EntryRow => ({ kind, on, d });

describe('buildDossier', () => {
	it('pairs each decision with the first filing of its stage on or after it, keeping an earlier one for the check to flag', () => {
		const d = buildDossier(person, [
			e('decision', '2025-09-15', { stage: 'activist', body: 'branch_meeting' }),
			e('filing', '2025-09-10', { stage: 'candidate' }),
			e('filing', '2025-09-22', { stage: 'activist' }),
			e('filing', '2025-09-30', { stage: 'activist' }),
			e('decision', '2026-09-29', { stage: 'candidate', body: 'branch_committee' })
		], [], [], {});
		expect(d.decisions).toEqual([
			{ stage: 'activist', decidedOn: '2025-09-15', decidedBy: 'branch_meeting', filedOn: '2025-09-22' },
			{ stage: 'candidate', decidedOn: '2026-09-29', decidedBy: 'branch_committee', filedOn: '2025-09-10' }
		]);
	});

	it('uses the party school first and a committee-confirmed external certificate otherwise', () => {
		const details = { trainingKind: 'activist', serial: 'W-1', issuer: '某大学党校', validUntil: null, offlineHours: 16, onlineHours: 0, days: 2, examPassed: true };
		const external: EntryRow = { ...e('external_training', '2025-06-01', details), confirmed: true };
		const d = buildDossier(person, [external], [], [], {});
		expect(d.training.activist).toMatchObject({
			certificate: { serial: 'W-1', issuedOn: '2025-06-01', validUntil: null, external: true, issuer: '某大学党校' },
			exam: 'passed',
			completed: true,
			completedOn: '2025-06-01'
		});
		const school = { certificate: { serial: 'DX-1', issuedOn: '2025-07-01', validUntil: null, external: false as const }, creditHours: { offline: 8, online: 8 }, days: 2, exam: 'passed' as const, completed: true, completedOn: '2025-07-01' };
		expect(buildDossier(person, [external], [], [], { activist: school }).training.activist).toBe(school);
		// Some hours at the party school, not completed: the confirmed certificate is what counts.
		const partial = { ...school, certificate: null, completed: false, completedOn: null };
		expect(buildDossier(person, [external], [], [], { activist: partial }).training.activist?.certificate?.serial).toBe('W-1');
	});

	it('never counts an external certificate only the branch recorded (待党委确认)', () => {
		const pending = e('external_training', '2025-06-01', { trainingKind: 'candidate', serial: 'W-2', issuer: '某大学党校', days: 3 });
		expect(buildDossier(person, [pending], [], [], {}).training.candidate).toBeNull();
		expect(buildDossier(person, [{ ...pending, confirmed: false }], [], [], {}).training.candidate).toBeNull();
	});

	it('reads stage, League membership and the latest application from the rows', () => {
		const d = buildDossier(person, [e('application', '2024-03-01'), e('application', '2025-03-01')], [], [], {});
		expect(d).toMatchObject({ stage: 'applicant', isLeagueMember: true, application: { submittedOn: '2025-03-01' } });
		expect(stageOf({ ...person, politicalStatus: 'member' })).toBe('member');
		expect(stageOf({ ...person, stage: 'candidate' })).toBe('candidate');
	});

	it('keeps only current sponsors, every mentor (their dates matter), and their membership', () => {
		const d = buildDossier(person, [], [
			{ role: 'mentor', name: '王芳', isFullMember: true, discipline: null, assignedOn: '2025-01-01', endedOn: '2025-06-01' },
			{ role: 'sponsor', name: '李强', isFullMember: false, discipline: [['probation', '2025-01-01', '2026-12-31']], assignedOn: '2025-01-01', endedOn: null },
			{ role: 'sponsor', name: '张伟', isFullMember: true, discipline: null, assignedOn: '2025-01-01', endedOn: '2025-02-01' }
		], [{ checkId: 'leaving-3m', reason: '理由', grantedOn: '2026-01-01' }], {});
		expect(d.mentors).toEqual([{ name: '王芳', isFullMember: true, assignedOn: '2025-01-01', endedOn: '2025-06-01' }]);
		expect(d.sponsors).toEqual([{ name: '李强', isFullMember: false, discipline: [{ kind: 'probation', startsOn: '2025-01-01', endsOn: '2026-12-31' }] }]);
		expect(d.exemptions).toEqual([{ checkId: 'leaving-3m', reason: '理由', grantedOn: '2026-01-01' }]);
	});
});
