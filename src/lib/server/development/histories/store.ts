import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newVerifyCode } from '../../certificates/issue';
import type { CourseCategory, Database } from '../../db/schema';
import type { History, HistoryCertificate } from './generate';
import { stages, type TrainingKind } from '../engine/types';
import type { Db } from '$lib/server/db';

// Writes generated histories in bulk (demo, tests, benchmark): records, entries, supporters and
// the party school's certificates, a few thousand rows per statement.

export interface TrainingCohort {
	cohortId: number;
	courseCode: string;
	courseTitle: string;
	category: CourseCategory;
	cohortName: string;
}
export type TrainingCohorts = Partial<Record<TrainingKind, TrainingCohort>>;

const categories: Record<TrainingKind, CourseCategory> = {
	activist: 'activist_training',
	candidate: 'candidate_training',
	probationary: 'probationary_training'
};
const titles: Record<TrainingKind, string> = { activist: '入党积极分子培训', candidate: '发展对象培训', probationary: '预备党员培训' };

/**
 * A closed cohort per kind of training to hang past certificates on: an existing course of that
 * category when there is one (the content courses), else one created for the purpose.
 */
export async function historyCohorts(db: Db, orgUnitId: number, prefix: string, kinds: TrainingKind[] = ['activist', 'candidate']): Promise<TrainingCohorts> {
	const out: TrainingCohorts = {};
	for (const kind of kinds) {
		const category = categories[kind];
		let course = await db.selectFrom('course').select(['id', 'code', 'title']).where('category', '=', category).orderBy('id').executeTakeFirst();
		course ??= await db
			.insertInto('course')
			.values({ code: `${prefix}-${kind.toUpperCase()}`, title: titles[kind], category, source: 'browser', creditHours: 24 })
			.returning(['id', 'code', 'title'])
			.executeTakeFirstOrThrow();
		const cohortName = `${titles[kind]}（往期）`;
		const cohort = await db
			.insertInto('cohort')
			.values({ courseId: course.id, name: cohortName, orgUnitId, startsOn: '2020-01-01', endsOn: '2026-12-31', requiredHours: 24, status: 'closed' })
			.returning('id')
			.executeTakeFirstOrThrow();
		out[kind] = { cohortId: cohort.id, courseCode: course.code, courseTitle: course.title, category, cohortName };
	}
	return out;
}

export interface HistoryTarget {
	personId: number;
	name: string;
	history: History;
	/** Who recorded the steps (the branch's secretary); defaults to the writer's `recordedBy`. */
	recordedBy?: number | null;
}

const chunk = <T>(rows: T[], size: number) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, i * size + size));

export interface WriteOptions {
	recordedBy: number | null;
	cohorts: TrainingCohorts;
	issuingBody: string;
	serialPrefix: string;
	supporterIds?: Map<string, number>;
	/** For the verification link printed on certificates. */
	origin?: string;
	/**
	 * 'render': real PDFs by the certificates feature (the demo); 'placeholder': a stand-in file, for
	 * tests and the benchmark, which need the rows but not the printing.
	 */
	pdf?: 'render' | 'placeholder';
}

const placeholderPdf = new TextEncoder().encode('%PDF-1.4\n% generated history: no printed certificate\n%%EOF\n');
const placeholderSha = createHash('sha256').update(placeholderPdf).digest('hex');

export async function writeHistories(db: Db, targets: HistoryTarget[], options: WriteOptions) {
	const records = targets.map((t) => ({ personId: t.personId, stage: t.history.stage, stageSince: t.history.stageSince, isLeagueMember: t.history.isLeagueMember }));
	const entries = targets.flatMap((t) =>
		t.history.entries.map((e) => ({ personId: t.personId, kind: e.kind, occurredOn: e.occurredOn, details: e.details, recordedBy: t.recordedBy === undefined ? options.recordedBy : t.recordedBy }))
	);
	const supporters = targets.flatMap((t) =>
		t.history.supporters.map((s) => {
			const supporterId = options.supporterIds?.get(s.name) ?? null;
			return { personId: t.personId, role: s.role, supporterId, name: s.name, isFullMember: supporterId ? null : true, assignedOn: s.assignedOn, assignedBy: options.recordedBy };
		})
	);
	for (const rows of chunk(records, 2000)) await db.insertInto('developmentRecord').values(rows).execute();
	for (const rows of chunk(entries, 2000)) await db.insertInto('developmentEntry').values(rows).execute();
	for (const rows of chunk(supporters, 2000)) await db.insertInto('developmentSupporter').values(rows).execute();
	const certificates = await writeCertificates(
		db,
		targets.flatMap((t) => t.history.certificates.map((certificate) => ({ personId: t.personId, name: t.name, certificate }))),
		options
	);
	// 政治面貌 follows the pipeline stage.
	for (const stage of stages) {
		const ids = targets.filter((t) => t.history.stage === stage).map((t) => t.personId);
		for (const part of chunk(ids, 5000)) await db.updateTable('person').set({ politicalStatus: stage }).where('id', 'in', part).execute();
	}
	return { records: records.length, entries: entries.length, supporters: supporters.length, certificates };
}

export interface CertificateTarget {
	personId: number;
	name: string;
	certificate: HistoryCertificate;
	validUntil?: string | null;
}

let serials = 0;

/** Certificates as the party school would hold them after training (past cohorts, fixtures). */
export async function writeCertificates(db: Db, targets: CertificateTarget[], options: Pick<WriteOptions, 'cohorts' | 'issuingBody' | 'serialPrefix' | 'origin' | 'pdf'>) {
	const origin = (options.origin ?? 'http://localhost:4173').replace(/\/$/, '');
	const render = options.pdf === 'render';
	const rows = targets.flatMap(({ personId, name, certificate: c, validUntil }) => {
		const cohort = options.cohorts[c.kind];
		if (!cohort) return [];
		const verifyCode = newVerifyCode();
		return [
			{
				cohortId: cohort.cohortId,
				personId,
				serial: `${options.serialPrefix}-${c.kind.slice(0, 3).toUpperCase()}-${String(++serials).padStart(6, '0')}`,
				verifyCode,
				verifyUrl: `${origin}/verify/${verifyCode}`,
				holderName: name,
				courseCode: cohort.courseCode,
				courseTitle: cohort.courseTitle,
				courseCategory: cohort.category,
				cohortName: cohort.cohortName,
				startsOn: c.startsOn,
				endsOn: c.issuedOn,
				creditHours: c.offlineHours + c.onlineHours,
				onlineHours: c.onlineHours,
				offlineHours: c.offlineHours,
				offlineDays: c.offlineDays,
				score: 85,
				examPassed: true,
				issuedAt: new Date(`${c.issuedOn}T10:00:00+08:00`),
				issuedOn: c.issuedOn,
				validUntil: validUntil ?? null,
				issuingBody: options.issuingBody,
				pdf: render ? null : placeholderPdf,
				pdfSha256: render ? null : placeholderSha,
				pdfSize: render ? null : placeholderPdf.byteLength
			}
		];
	});
	for (const part of chunk(rows, 1000)) await db.insertInto('certificate').values(part).execute();
	if (render && rows.length) {
		const { renderLeftovers } = await import('../../certificates/render');
		for (const c of Object.values(options.cohorts)) await renderLeftovers(db as Kysely<Database>, c.cohortId);
	}
	return rows.length;
}
