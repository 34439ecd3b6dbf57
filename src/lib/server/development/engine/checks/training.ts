import { addMonths } from '../dates';
import { asOf, decidedOn } from '../dossier-lookups';
import type { Certificate, ExamState } from '../types';
import { result, type CheckFn } from './result';

// External certificates reach the dossier only once a committee has recorded or confirmed them
// (with the issuing party school and a scan); whether they count at all is the school's one
// setting (ctx.acceptExternalTraining), the same for every kind of training.

const issuedBy = (cert: Certificate) => `外校（${cert.issuer ?? '外校党校'}）颁发`;
const externalRefused = (cert: Certificate, training: string) => `结业证书 ${cert.serial} 为${issuedBy(cert)}，本校不认可，须参加本校${training}`;

/** The activist certificate must still be valid on the day the branch decides (§4: expiry blocks). */
export const activistTraining: CheckFn<'activist-training'> = (d, rule, ctx) => {
	const cert = d.training.activist?.certificate;
	if (!cert) return result(rule, 'fail', '尚无入党积极分子培训结业证书');
	const { validMonths } = rule.params;
	if (cert.external && !ctx.acceptExternalTraining) return result(rule, 'fail', externalRefused(cert, '入党积极分子培训'));
	const on = asOf(d, ctx.transition, ctx.today);
	// The school's validity may be shorter than what the certificate itself says; the stricter wins.
	const bySetting = addMonths(cert.issuedOn, validMonths);
	const expires = cert.validUntil && cert.validUntil < bySetting ? cert.validUntil : bySetting;
	if (cert.issuedOn > on) return result(rule, 'fail', `结业证书 ${cert.serial} 颁发于 ${cert.issuedOn}，晚于 ${on}`);
	if (on > expires) return result(rule, 'fail', `结业证书 ${cert.serial} 已于 ${expires} 过期（${cert.issuedOn} 颁发），须重新参加培训`, expires);
	const from = cert.external ? `，${issuedBy(cert)}，经党委确认` : '';
	return result(rule, 'pass', `结业证书 ${cert.serial}${from}，${cert.issuedOn} 颁发，有效期至 ${expires}`, expires);
};

const examWords: Record<Exclude<ExamState, 'passed'>, string> = {
	failed: '发展对象集中培训结业考试未通过',
	not_taken: '发展对象集中培训尚未参加结业考试',
	ungraded: '发展对象集中培训结业考试已交卷，成绩待评定'
};

/**
 * 第十七条: the 集中培训 completed (结业, the exam passed where there is one) before the branch
 * meeting that admits: at least 3 days or 24 学时, online hours counted up to the school's cap,
 * and part of it in person — the school's offline minimum.
 */
export const candidateTraining: CheckFn<'candidate-training'> = (d, rule, ctx) => {
	const t = d.training.candidate;
	if (!t) return result(rule, 'fail', '尚无发展对象集中培训记录');
	const p = rule.params;
	const cert = t.certificate;
	if (cert?.external && !ctx.acceptExternalTraining) return result(rule, 'fail', externalRefused(cert, '发展对象集中培训'));
	if (t.exam !== null && t.exam !== 'passed') return result(rule, 'fail', examWords[t.exam]);
	if (!t.completed) return result(rule, 'fail', '发展对象集中培训尚未结业：未达到培训班的结业条件');
	const { offline, online: onlineHours } = t.creditHours;
	const online = Math.min(onlineHours, p.onlineCreditHoursCap);
	const hours = offline + online;
	const detail = `${t.days}天、计入${hours}学时（线下${offline}，线上${onlineHours}，线上最多计入${p.onlineCreditHoursCap}）`;
	if (t.days < p.minDays && hours < p.minCreditHours) {
		return result(rule, 'fail', `发展对象集中培训不足：${detail}，须不少于${p.minDays}天或${p.minCreditHours}学时`);
	}
	if (t.days < p.minOfflineDays && offline < p.minOfflineCreditHours) {
		return result(rule, 'fail', `发展对象集中培训线下部分不足：线下${t.days}天、${offline}学时，须线下不少于${p.minOfflineDays}天或${p.minOfflineCreditHours}学时`);
	}
	const what = cert ? `，证书 ${cert.serial}${cert.external ? `（${issuedBy(cert)}，经党委确认）` : ''}` : '';
	// Training must come before the admitting meeting; the certificate's date is when 结业 was certified.
	const meeting = decidedOn(d, ctx.transition);
	if (t.completedOn === null) {
		if (meeting) return result(rule, 'fail', `发展对象集中培训尚未颁发结业证书，无法确认在接收预备党员的支部大会（${meeting}）前结业`);
		return result(rule, 'warn', `发展对象集中培训${detail}，已达到结业条件；尚未颁发结业证书，须在召开支部大会前颁发`);
	}
	if (meeting && t.completedOn > meeting) {
		return result(rule, 'fail', `发展对象集中培训结业证书 ${cert?.serial ?? ''} 颁发于 ${t.completedOn}，晚于接收预备党员的支部大会（${meeting}）：须在支部大会前完成培训`);
	}
	return result(rule, 'pass', `发展对象集中培训${detail}${what}`);
};

export const probationaryTraining: CheckFn<'probationary-training'> = (d, rule, ctx) => {
	const cert = d.training.probationary?.certificate;
	if (!cert) return result(rule, 'fail', '尚无预备党员培训结业证书');
	if (cert.external && !ctx.acceptExternalTraining) return result(rule, 'fail', externalRefused(cert, '预备党员培训'));
	return result(rule, 'pass', `预备党员培训结业证书 ${cert.serial}${cert.external ? `（${issuedBy(cert)}，经党委确认）` : ''}（${cert.issuedOn}）`);
};
