import { sql } from 'kysely';
import { learnerCompletion } from '../completion/service';
import { num } from '../completion/evaluate';
import type { FinalExamFacts } from '../quiz/completion-facts';
import { shanghaiDate } from '$lib/time/shanghai';
import { chineseDate } from './format';
import type { Db } from '$lib/server/db';
import type { CourseCategory } from '../db/schema';

// The development module's one door into the party school (development/records/training-adapter.ts reads
// its shapes: change them together).
// It answers from issued certificates first (what was certified, copied at issue), else from the
// live training record, evaluated by the same completion code as every other screen.

/** The course categories that are a training of the pipeline (the development module calls them its `TrainingKind`). */
export type TrainingCategory = Exclude<CourseCategory, 'member_education'>;

export const trainingCategoryLabels: Record<TrainingCategory, string> = {
	activist_training: '入党积极分子培训',
	candidate_training: '发展对象培训',
	probationary_training: '预备党员培训'
};

export interface TrainingMinimum {
	/** 学时 credited (online capped by the cohort's rule, plus offline) */
	hours?: number;
	/** distinct days with an attended offline session */
	days?: number;
}

export interface TrainingStatus {
	/** the best certificate valid at `at` (latest expiry first); `external` is always false here */
	certificate: { serial: string; issuedOn: string; validUntil: string | null; external: false } | null;
	/** 学时 credited: from the certificate, else the best cohort of this kind so far */
	creditHours: { online: number; offline: number; total: number };
	days: number;
	/** null when there was no final exam (or no training at all); false also when not yet taken (see `exam`) */
	examPassed: boolean | null;
	/** how the final exam stands, so that one not yet taken never reads 「未通过」; null without one */
	exam: ExamState | null;
	/** 结业: a valid certificate, or the live record meets its cohort's completion rule */
	completed: boolean;
	/** the day 结业 was certified: the certificate's first issue (a reissue keeps the original's); null without one */
	completedOn: string | null;
	/**
	 * With a minimum: the hours OR the days reach it and no final exam was failed.
	 * Without one: a valid certificate is held.
	 */
	meetsMinimum: boolean;
	/** Chinese, for the branch secretary */
	reasons: string[];
}

export type ExamState = 'passed' | 'failed' | 'not_taken' | 'ungraded';

const CHUNK = 5000;

interface Figures {
	online: number;
	offline: number;
	days: number;
	exam: ExamState | null;
	completed: boolean;
	source: string;
}

const examText: Record<ExamState, string> = { passed: '，结业考试合格', failed: '，结业考试未通过', not_taken: '，尚未参加结业考试', ungraded: '，结业考试成绩待评定' };
const examRefusal: Record<Exclude<ExamState, 'passed'>, string> = {
	failed: '结业考试未通过，不能认定培训合格',
	not_taken: '尚未参加结业考试，不能认定培训合格',
	ungraded: '结业考试成绩待评定，尚不能认定培训合格'
};

/** A certificate copies the exam's result at issue: passed, or (without a score) never taken. */
function certificateExam(examPassed: boolean | null, score: unknown): ExamState | null {
	if (examPassed === null) return null;
	if (examPassed) return 'passed';
	return score === null ? 'not_taken' : 'failed';
}

function liveExam(e: FinalExamFacts | null): ExamState | null {
	if (!e) return null;
	if (e.passed) return 'passed';
	if (e.inProgress || e.attemptsUsed === 0) return 'not_taken';
	return e.score === null ? 'ungraded' : 'failed';
}

function status(kind: TrainingCategory, cert: TrainingStatus['certificate'], completedOn: string | null, lapsed: string | null, f: Figures | null, minimum?: TrainingMinimum): TrainingStatus {
	const label = trainingCategoryLabels[kind];
	const reasons: string[] = [];
	if (cert) reasons.push(`${label}结业证书 ${cert.serial}，${chineseDate(cert.issuedOn)}颁发，${cert.validUntil ? `有效期至 ${chineseDate(cert.validUntil)}` : '长期有效'}`);
	else reasons.push(lapsed ?? `无有效的${label}结业证书`);
	const online = f?.online ?? 0;
	const offline = f?.offline ?? 0;
	const total = Math.round((online + offline) * 10) / 10;
	const days = f?.days ?? 0;
	const exam = f?.exam ?? null;
	const examPassed = exam === null ? null : exam === 'passed';
	if (f) {
		reasons.push(`${f.source}计入 ${num(total)} 学时（线上 ${num(online)}，线下 ${num(offline)}），线下 ${days} 天${exam ? examText[exam] : ''}`);
	} else if (!cert) {
		reasons.push(`尚无${label}的培训记录`);
	}
	let meetsMinimum: boolean;
	if (minimum && (minimum.hours !== undefined || minimum.days !== undefined)) {
		const byHours = minimum.hours !== undefined && total >= minimum.hours;
		const byDays = minimum.days !== undefined && days >= minimum.days;
		meetsMinimum = (byHours || byDays) && examPassed !== false;
		const wants = [minimum.days !== undefined ? `不少于 ${minimum.days} 天` : '', minimum.hours !== undefined ? `不少于 ${minimum.hours} 学时` : ''].filter(Boolean).join('或');
		if (exam !== null && exam !== 'passed') reasons.push(examRefusal[exam]);
		else reasons.push(meetsMinimum ? `达到要求（${wants}）` : `未达到要求：须${wants}`);
	} else {
		meetsMinimum = cert !== null;
	}
	const completed = cert !== null || f?.completed === true;
	return { certificate: cert, creditHours: { online, offline, total }, days, examPassed, exam, completed, completedOn: cert ? completedOn : null, meetsMinimum, reasons };
}

/** Many people at once, in a fixed number of set-based queries per 5,000 people. */
export async function trainingStatusMany(db: Db, personIds: number[], kind: TrainingCategory, at: Date, minimum?: TrainingMinimum): Promise<Map<number, TrainingStatus>> {
	const out = new Map<number, TrainingStatus>();
	const ids = [...new Set(personIds)];
	for (let i = 0; i < ids.length; i += CHUNK) {
		for (const [k, v] of await chunk(db, ids.slice(i, i + CHUNK), kind, at, minimum)) out.set(k, v);
	}
	return out;
}

export async function trainingStatus(db: Db, personId: number, kind: TrainingCategory, at: Date, minimum?: TrainingMinimum): Promise<TrainingStatus> {
	return (await trainingStatusMany(db, [personId], kind, at, minimum)).get(personId)!;
}

async function chunk(db: Db, personIds: number[], kind: TrainingCategory, at: Date, minimum?: TrainingMinimum) {
	const day = shanghaiDate(at);
	const certs = await db
		.selectFrom('certificate')
		.select(['id', 'personId', 'serial', 'issuedOn', 'validUntil', 'revokedAt', 'supersededAt', 'reissueOfId', 'onlineHours', 'offlineHours', 'offlineDays', 'examPassed', 'score'])
		.where('personId', 'in', personIds)
		.where('courseCategory', '=', kind)
		.where('issuedOn', '<=', day)
		.where('pdfSha256', 'is not', null)
		// Best first: never expires, then the latest expiry, then the latest issue.
		.orderBy('personId')
		.orderBy((eb) => eb.fn.coalesce('validUntil', eb.val('9999-12-31')), 'desc')
		.orderBy('issuedOn', 'desc')
		.execute();
	const valid = new Map<number, (typeof certs)[number]>();
	const lapsed = new Map<number, string>();
	for (const c of certs) {
		// Valid AT `at`: a later revocation or replacement does not rewrite the past.
		const revoked = c.revokedAt !== null && c.revokedAt <= at;
		const superseded = c.supersededAt !== null && c.supersededAt <= at;
		const expired = c.validUntil !== null && c.validUntil < day;
		if (!revoked && !superseded && !expired) {
			if (!valid.has(c.personId)) valid.set(c.personId, c);
		} else if (!lapsed.has(c.personId) && !superseded) {
			lapsed.set(c.personId, revoked ? `结业证书 ${c.serial} 已撤销` : `结业证书 ${c.serial} 已于 ${chineseDate(c.validUntil!)} 过期`);
		}
	}
	// The live record, only for those without a valid certificate.
	const without = personIds.filter((id) => !valid.has(id));
	const live = new Map<number, Figures>();
	if (without.length) {
		const { rows } = await learnerCompletion(db, { personIds: without, category: kind }, at);
		for (const r of rows) {
			if (r.cohort.startsOn > day) continue;
			const f: Figures = { online: r.result.hours.online, offline: r.result.hours.offline, days: r.result.days, exam: liveExam(r.inputs.exam), completed: r.result.state === 'met', source: `${r.cohort.name}：` };
			// A completed cohort first, then the most hours.
			const best = live.get(r.personId);
			if (!best || (f.completed && !best.completed) || (f.completed === best.completed && f.online + f.offline > best.online + best.offline)) live.set(r.personId, f);
		}
	}
	const firstIssue = await firstIssueDates(db, [...valid.values()].filter((c) => c.reissueOfId !== null).map((c) => c.id));
	const out = new Map<number, TrainingStatus>();
	for (const id of personIds) {
		const c = valid.get(id);
		if (c) {
			const f: Figures = { online: Number(c.onlineHours), offline: Number(c.offlineHours), days: c.offlineDays, exam: certificateExam(c.examPassed, c.score), completed: true, source: '证书记载' };
			const cert = { serial: c.serial, issuedOn: c.issuedOn, validUntil: c.validUntil, external: false as const };
			out.set(id, status(kind, cert, firstIssue.get(c.id) ?? c.issuedOn, null, f, minimum));
		} else {
			out.set(id, status(kind, null, null, lapsed.get(id) ?? null, live.get(id) ?? null, minimum));
		}
	}
	return out;
}

/**
 * A reissue (a corrected name) is dated the day it was reissued; the training was completed when
 * the first certificate of its line was issued. Few certificates are reissued: one query for them.
 */
async function firstIssueDates(db: Db, certificateIds: number[]): Promise<Map<number, string>> {
	if (certificateIds.length === 0) return new Map();
	const { rows } = await sql<{ id: number; firstIssuedOn: string }>`
		with recursive line (id, previous_id, issued_on) as (
			select id, reissue_of_id, issued_on from certificate where id = any(${sql.val(certificateIds)}::int[])
			union all
			select line.id, c.reissue_of_id, c.issued_on from line join certificate c on c.id = line.previous_id
		)
		select id, to_char(min(issued_on), 'YYYY-MM-DD') as "firstIssuedOn" from line group by id`.execute(db.withoutPlugins());
	return new Map(rows.map((r) => [Number(r.id), r.firstIssuedOn]));
}
