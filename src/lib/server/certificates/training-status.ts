import { learnerCompletion } from '../completion/service';
import { num } from '../completion/evaluate';
import { shanghaiDate } from './dates';
import { chineseDate } from './format';
import type { Db } from '$lib/server/db';
import type { CourseCategory } from '../db/schema';

// The development module's one door into the party school (STABLE INTERFACE: keep the shapes).
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
	/** null when there was no final exam (or no training at all) */
	examPassed: boolean | null;
	/**
	 * With a minimum: the hours OR the days reach it and no final exam was failed.
	 * Without one: a valid certificate is held.
	 */
	meetsMinimum: boolean;
	/** Chinese, for the branch secretary */
	reasons: string[];
}

const CHUNK = 5000;

interface Figures {
	online: number;
	offline: number;
	days: number;
	examPassed: boolean | null;
	source: string;
}

function status(kind: TrainingCategory, cert: TrainingStatus['certificate'], lapsed: string | null, f: Figures | null, minimum?: TrainingMinimum): TrainingStatus {
	const label = trainingCategoryLabels[kind];
	const reasons: string[] = [];
	if (cert) reasons.push(`${label}结业证书 ${cert.serial}，${chineseDate(cert.issuedOn)}颁发，${cert.validUntil ? `有效期至 ${chineseDate(cert.validUntil)}` : '长期有效'}`);
	else reasons.push(lapsed ?? `无有效的${label}结业证书`);
	const online = f?.online ?? 0;
	const offline = f?.offline ?? 0;
	const total = Math.round((online + offline) * 10) / 10;
	const days = f?.days ?? 0;
	const examPassed = f?.examPassed ?? null;
	if (f) {
		const exam = examPassed === null ? '' : examPassed ? '，结业考试合格' : '，结业考试未通过';
		reasons.push(`${f.source}计入 ${num(total)} 学时（线上 ${num(online)}，线下 ${num(offline)}），线下 ${days} 天${exam}`);
	} else if (!cert) {
		reasons.push(`尚无${label}的培训记录`);
	}
	let meetsMinimum: boolean;
	if (minimum && (minimum.hours !== undefined || minimum.days !== undefined)) {
		const byHours = minimum.hours !== undefined && total >= minimum.hours;
		const byDays = minimum.days !== undefined && days >= minimum.days;
		meetsMinimum = (byHours || byDays) && examPassed !== false;
		const wants = [minimum.days !== undefined ? `不少于 ${minimum.days} 天` : '', minimum.hours !== undefined ? `不少于 ${minimum.hours} 学时` : ''].filter(Boolean).join('或');
		if (examPassed === false) reasons.push('结业考试未通过，不能认定培训合格');
		else reasons.push(meetsMinimum ? `达到要求（${wants}）` : `未达到要求：须${wants}`);
	} else {
		meetsMinimum = cert !== null;
	}
	return { certificate: cert, creditHours: { online, offline, total }, days, examPassed, meetsMinimum, reasons };
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
		.select(['personId', 'serial', 'issuedOn', 'validUntil', 'revokedAt', 'supersededAt', 'onlineHours', 'offlineHours', 'offlineDays', 'examPassed'])
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
			const f: Figures = { online: r.result.hours.online, offline: r.result.hours.offline, days: r.result.days, examPassed: r.result.examPassed, source: `${r.cohort.name}：` };
			const best = live.get(r.personId);
			if (!best || f.online + f.offline > best.online + best.offline) live.set(r.personId, f);
		}
	}
	const out = new Map<number, TrainingStatus>();
	for (const id of personIds) {
		const c = valid.get(id);
		if (c) {
			const f: Figures = { online: Number(c.onlineHours), offline: Number(c.offlineHours), days: c.offlineDays, examPassed: c.examPassed, source: '证书记载' };
			out.set(id, status(kind, { serial: c.serial, issuedOn: c.issuedOn, validUntil: c.validUntil, external: false }, null, f, minimum));
		} else {
			out.set(id, status(kind, null, lapsed.get(id) ?? null, live.get(id) ?? null, minimum));
		}
	}
	return out;
}
