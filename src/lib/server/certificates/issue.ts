import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Database } from '../db/schema';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import { learnerCompletion, type LearnerCompletion } from '../completion/service';
import type { CohortFacts } from '../completion/cohort-facts';
import { certificateSettings, type CertificateSettings } from './settings';
import { cohortSerialFormat, reserveSerials } from './serial';
import { validUntil } from './dates';
import { shanghaiDate } from '$lib/time/shanghai';
import { contentColumns, renderAndStore, renderLeftovers } from './render';
import type { Db } from '$lib/server/db';

// Any constant; with the cohort id it serialises issuing for one cohort on every instance.
const ISSUE_LOCK = 7_320_006;

/** 160 random bits in base32: the public link cannot be guessed or enumerated. */
export function newVerifyCode() {
	return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

export interface IssueOptions {
	cohortId: number;
	/** only these learners (on-demand issue); default: the whole cohort */
	personIds?: number[];
	actorId: number | null;
	/** the site's address for the QR code, e.g. http://localhost:4173 */
	origin: string;
	/** at most this many in this call (a batch shows progress by calling again) */
	limit?: number;
	now?: Date;
}

export interface IssueOutcome {
	issued: { id: number; personId: number; serial: string }[];
	/** learners who meet the rule and still had no certificate before this call */
	eligible: number;
	/** of those, still waiting after this call */
	remaining: number;
	/** learners who already hold (or held, before a revocation) a certificate of this cohort */
	already: number;
	notMet: number;
}

type NewRow = Parameters<ReturnType<Transaction<Database>['insertInto']>['values']>[0];

function rowFor(cohort: CohortFacts, l: LearnerCompletion, issuedAt: Date, settings: CertificateSettings, origin: string, serial: string, actorId: number | null) {
	const code = newVerifyCode();
	const issuedOn = shanghaiDate(issuedAt);
	return {
		cohortId: cohort.id,
		personId: l.personId,
		serial,
		verifyCode: code,
		verifyUrl: `${origin.replace(/\/$/, '')}/verify/${code}`,
		holderName: l.name,
		courseCode: cohort.courseCode,
		courseTitle: cohort.courseTitle,
		courseCategory: cohort.courseCategory,
		cohortName: cohort.name,
		startsOn: cohort.startsOn,
		endsOn: cohort.endsOn,
		creditHours: l.result.hours.total,
		onlineHours: l.result.hours.online,
		offlineHours: l.result.hours.offline,
		offlineDays: l.result.days,
		score: l.result.score,
		examPassed: l.result.examPassed,
		issuedAt,
		issuedOn,
		validUntil: validUntil(issuedOn, cohort.validityMonths),
		issuingBody: settings.issuingBody,
		issuedBy: actorId
	} satisfies NewRow;
}

/**
 * Issues certificates to learners of a cohort who meet its rule and have none yet. Safe to run
 * again and from two places at once: learners already holding one are skipped, and the claim
 * runs under a per-cohort lock. Rows are claimed (serial, content, audit) in one short
 * transaction, then rendered and stored outside it, so a batch never holds the database while
 * pdfkit works; a crash in between leaves rows that the next call renders.
 */
export async function issueCertificates(db: Db, options: IssueOptions): Promise<IssueOutcome> {
	const now = options.now ?? new Date();
	await renderLeftovers(db, options.cohortId);
	const { cohorts, rows } = await learnerCompletion(db, { cohortId: options.cohortId, personIds: options.personIds }, now);
	const cohort = cohorts.get(options.cohortId);
	if (!cohort) return { issued: [], eligible: 0, remaining: 0, already: 0, notMet: 0 };
	const holders = new Set(
		rows.length
			? (await db.selectFrom('certificate').select('personId').where('cohortId', '=', cohort.id).where('personId', 'in', rows.map((r) => r.personId)).execute()).map((r) => r.personId)
			: []
	);
	const met = rows.filter((r) => r.result.state === 'met');
	const eligible = met.filter((r) => !holders.has(r.personId));
	const batch = eligible.slice(0, options.limit ?? eligible.length);

	// Learners another call issued to between our read and the lock: theirs now, so "already".
	let issuedMeanwhile = 0;
	const claimed = batch.length === 0 ? [] : await transact(db, async (trx) => {
		await sql`select pg_advisory_xact_lock(${ISSUE_LOCK}, ${cohort.id})`.execute(trx);
		// Someone may have issued between our read and the lock.
		const taken = new Set(
			(await trx.selectFrom('certificate').select('personId').where('cohortId', '=', cohort.id).where('personId', 'in', batch.map((b) => b.personId)).execute()).map(
				(r) => r.personId
			)
		);
		const todo = batch.filter((b) => !taken.has(b.personId));
		issuedMeanwhile = batch.length - todo.length;
		if (todo.length === 0) return [];
		const settings = await certificateSettings(trx);
		const issuedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
		const format = cohortSerialFormat(settings, cohort, cohort.courseCode, issuedAt);
		const first = await reserveSerials(trx, format.scope, todo.length);
		const values = todo.map((l, i) => rowFor(cohort, l, issuedAt, settings, options.origin, format.serial(first + i), options.actorId));
		const inserted = await trx.insertInto('certificate').values(values).returning([...contentColumns, 'personId']).execute();
		await appendAudit(trx, {
			actorId: options.actorId,
			action: 'certificate.issue',
			entityType: todo.length === 1 ? 'certificate' : 'cohort',
			entityId: todo.length === 1 ? inserted[0].id : cohort.id,
			after: { cohortId: cohort.id, count: inserted.length, certificates: inserted.map((r) => ({ id: r.id, personId: r.personId, serial: r.serial })) }
		});
		return inserted;
	});
	await renderAndStore(db, claimed);
	return {
		issued: claimed.map((c) => ({ id: c.id, personId: c.personId, serial: c.serial })),
		eligible: eligible.length - issuedMeanwhile,
		remaining: eligible.length - batch.length,
		already: met.length - eligible.length + issuedMeanwhile,
		notMet: rows.length - met.length
	};
}

export type LearnerIssue = { ok: true; serial: string; message: string } | { ok: false; message: string };

/** One learner's certificate on demand (the completion page's 颁发 button), answered in words. */
export async function issueToLearner(db: Db, o: { cohortId: number; personId: number; actorId: number | null; origin: string }): Promise<LearnerIssue> {
	const r = await issueCertificates(db, { cohortId: o.cohortId, personIds: [o.personId], actorId: o.actorId, origin: o.origin, limit: 1 });
	if (r.issued.length) return { ok: true, serial: r.issued[0].serial, message: `已颁发证书 ${r.issued[0].serial}` };
	if (r.already) {
		// Most often a second click or a colleague a moment earlier: name the certificate they hold.
		const current = await db
			.selectFrom('certificate')
			.select('serial')
			.where('cohortId', '=', o.cohortId)
			.where('personId', '=', o.personId)
			.where('revokedAt', 'is', null)
			.where('supersededAt', 'is', null)
			.executeTakeFirst();
		if (current) return { ok: true, serial: current.serial, message: `该学员已持有本培训班的证书 ${current.serial}` };
		return { ok: false, message: '该学员曾持有本培训班的证书（已撤销）；如需换发请在证书页面操作' };
	}
	const { rows } = await learnerCompletion(db, { cohortId: o.cohortId, personIds: [o.personId] });
	if (!rows.length) return { ok: false, message: '该学员不在本培训班' };
	const lacking = rows[0].result.lacking;
	if (!lacking.length) return { ok: false, message: '证书暂未颁发成功，请稍后重试' };
	return { ok: false, message: `该学员尚未达到结业条件：${lacking.join('；')}` };
}
