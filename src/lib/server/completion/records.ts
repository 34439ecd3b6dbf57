import { certificateState, certificateStateLabels, type CertificateState } from '../certificates/verify';
import { shanghaiDate } from '$lib/time/shanghai';
import { completionLabel } from '$lib/completion/label';
import { num, type PartResult, type PartState } from './evaluate';
import { learnerCompletion } from './service';
import type { Db } from '$lib/server/db';

export interface RecordCohort {
	cohortId: number;
	cohortName: string;
	courseTitle: string;
	category: string;
	startsOn: string;
	endsOn: string;
	cohortStatus: 'open' | 'closed';
	onlineHours: number;
	onlineCounted: number;
	offlineHours: number;
	totalHours: number;
	attendance: { sessions: number; held: number; attended: number; leave: number; absent: number; rate: string | null };
	exam: { title: string; score: number | null; passed: boolean | null; passMark: number } | null;
	state: PartState;
	stateLabel: string;
	parts: PartResult[];
}

export interface RecordCertificate {
	id: number;
	cohortId: number;
	serial: string;
	courseTitle: string;
	cohortName: string;
	holderName: string;
	issuedOn: string;
	validUntil: string | null;
	state: CertificateState;
	stateLabel: string;
	ready: boolean;
}

export function recordPerson(db: Db, personId: number) {
	return db
		.selectFrom('person as p')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.select(['p.id', 'p.name', 'p.username', 'p.politicalStatus', 'o.name as orgName', 'o.path as orgPath'])
		.where('p.id', '=', personId)
		.executeTakeFirst();
}

/** 培训档案: every cohort with hours, attendance, exam and completion (with reasons), and every certificate. */
export async function trainingRecord(db: Db, personId: number, now = new Date()) {
	const [{ rows }, certs] = await Promise.all([
		learnerCompletion(db, { personId }, now),
		db
			.selectFrom('certificate')
			.select(['id', 'cohortId', 'serial', 'courseTitle', 'cohortName', 'holderName', 'issuedOn', 'validUntil', 'revokedAt', 'supersededAt', 'pdfSha256'])
			.where('personId', '=', personId)
			.orderBy('issuedAt', 'desc')
			.orderBy('id', 'desc')
			.execute()
	]);
	const today = shanghaiDate(now);
	const cohorts: RecordCohort[] = rows
		.map((r) => {
			const a = r.inputs.attendance;
			const e = r.inputs.exam;
			return {
				cohortId: r.cohortId,
				cohortName: r.cohort.name,
				courseTitle: r.cohort.courseTitle,
				category: r.cohort.courseCategory,
				startsOn: r.cohort.startsOn,
				endsOn: r.cohort.endsOn,
				cohortStatus: r.cohort.status,
				onlineHours: r.inputs.onlineHours,
				onlineCounted: r.result.hours.online,
				offlineHours: r.result.hours.offline,
				totalHours: r.result.hours.total,
				attendance: { ...a, rate: a.held ? `${num(Math.floor((a.attended * 1000) / a.held) / 10)}%` : null },
				exam: e && { title: e.title, score: e.score, passed: e.passed, passMark: e.passMark },
				state: r.result.state,
				stateLabel: completionLabel(r.result.state, certs.some((c) => c.cohortId === r.cohortId && !c.revokedAt)),
				parts: r.result.parts
			};
		})
		.sort((a, b) => b.startsOn.localeCompare(a.startsOn) || b.cohortId - a.cohortId);
	const certificates: RecordCertificate[] = certs.map((c) => {
		const state = certificateState(c, today);
		return {
			id: c.id,
			cohortId: c.cohortId,
			serial: c.serial,
			courseTitle: c.courseTitle,
			cohortName: c.cohortName,
			holderName: c.holderName,
			issuedOn: c.issuedOn,
			validUntil: c.validUntil,
			state,
			stateLabel: certificateStateLabels[state],
			ready: c.pdfSha256 !== null
		};
	});
	return { cohorts, certificates };
}

export type TrainingRecord = Awaited<ReturnType<typeof trainingRecord>>;
