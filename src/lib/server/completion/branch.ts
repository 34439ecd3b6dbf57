import type { AuthUser } from '../auth/session';
import { scopePaths } from '../auth/authz';
import { intParam, parsePaging } from '../http/paging';
import { certificateState, certificateStateLabels, type CertificateState } from '../certificates/verify';
import { addDays } from '../certificates/dates';
import { shanghaiDate } from '$lib/time/shanghai';
import { completionLabel } from '$lib/completion/label';
import { type PartState } from './evaluate';
import { learnerCompletion } from './service';
import type { Db } from '$lib/server/db';

/**
 * Where the user checks completion (progress.view): a secretary their branch, an organizer
 * their committee, the school admin everything. (Instructors see their cohorts' pages instead.)
 */
export function branchScope(user: AuthUser) {
	return scopePaths(user, 'progress.view');
}

export function branchFilter(url: URL) {
	return {
		q: url.searchParams.get('q')?.trim().slice(0, 40) ?? '',
		branchId: intParam(url, 'branch'),
		cohortId: intParam(url, 'cohort'),
		todo: url.searchParams.get('todo') === '1',
		expiring: url.searchParams.get('expiring') === '1',
		...parsePaging(url)
	};
}
export type BranchFilter = ReturnType<typeof branchFilter>;

export interface BranchRow {
	personId: number;
	username: string;
	name: string;
	orgUnitId: number;
	orgName: string;
	cohortId: number;
	cohortName: string;
	courseTitle: string;
	startsOn: string;
	endsOn: string;
	cohortStatus: 'open' | 'closed';
	state: PartState;
	stateLabel: string;
	hours: number;
	lacking: string[];
	certificate: { id: number; serial: string; validUntil: string | null; state: CertificateState; stateLabel: string; expiringSoon: boolean } | null;
}

export const EXPIRY_WINDOW_DAYS = 90;

/** Every enrolment of the learners in the scope (current and past cohorts), evaluated once, with certificates. */
export async function branchRows(db: Db, paths: string[], now = new Date()): Promise<BranchRow[]> {
	const { rows } = await learnerCompletion(db, { paths }, now);
	if (rows.length === 0) return [];
	const certs = await db
		.selectFrom('certificate')
		.select(['id', 'cohortId', 'personId', 'serial', 'validUntil', 'revokedAt', 'supersededAt'])
		.where('personId', 'in', [...new Set(rows.map((r) => r.personId))])
		.where('supersededAt', 'is', null)
		.where('pdfSha256', 'is not', null)
		.execute();
	const today = shanghaiDate(now);
	const soon = addDays(today, EXPIRY_WINDOW_DAYS);
	const certOf = new Map(certs.map((c) => [`${c.cohortId}:${c.personId}`, c]));
	return rows
		.map((r) => {
			const c = certOf.get(`${r.cohortId}:${r.personId}`);
			const state = c ? certificateState(c, today) : null;
			return {
				personId: r.personId,
				username: r.username,
				name: r.name,
				orgUnitId: r.orgUnitId,
				orgName: r.orgName,
				cohortId: r.cohortId,
				cohortName: r.cohort.name,
				courseTitle: r.cohort.courseTitle,
				startsOn: r.cohort.startsOn,
				endsOn: r.cohort.endsOn,
				cohortStatus: r.cohort.status,
				state: r.result.state,
				stateLabel: completionLabel(r.result.state, !!c && state !== 'revoked'),
				hours: r.result.hours.total,
				lacking: r.result.lacking,
				certificate:
					c && state
						? { id: c.id, serial: c.serial, validUntil: c.validUntil, state, stateLabel: certificateStateLabels[state], expiringSoon: state === 'valid' && c.validUntil !== null && c.validUntil <= soon }
						: null
			};
		})
		.sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN') || a.username.localeCompare(b.username) || b.startsOn.localeCompare(a.startsOn));
}

export function filterRows(rows: BranchRow[], f: BranchFilter) {
	return rows.filter(
		(r) =>
			(!f.q || r.name.includes(f.q) || r.username.includes(f.q)) &&
			(f.branchId === undefined || r.orgUnitId === f.branchId) &&
			(f.cohortId === undefined || r.cohortId === f.cohortId) &&
			(!f.todo || r.state !== 'met') &&
			(!f.expiring || r.certificate?.expiringSoon === true)
	);
}

/** Per branch (the learner's own unit): enrolments, completed, not yet, valid certificates, expiring. */
export function branchCounts(rows: BranchRow[]) {
	const by = new Map<number, { orgUnitId: number; name: string; total: number; met: number; todo: number; certified: number; expiring: number }>();
	for (const r of rows) {
		const b = by.get(r.orgUnitId) ?? { orgUnitId: r.orgUnitId, name: r.orgName, total: 0, met: 0, todo: 0, certified: 0, expiring: 0 };
		b.total++;
		if (r.state === 'met') b.met++;
		else b.todo++;
		if (r.certificate?.state === 'valid') b.certified++;
		if (r.certificate?.expiringSoon) b.expiring++;
		by.set(r.orgUnitId, b);
	}
	return [...by.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
