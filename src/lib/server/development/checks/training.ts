import { addMonths } from '../dates';
import { asOf } from '../dossier';
import { result, type CheckFn } from './result';

/** The activist certificate must still be valid on the day the branch decides (§4: expiry blocks). */
export const activistTraining: CheckFn<'activist-training'> = (d, rule, ctx) => {
	const cert = d.training.activist?.certificate;
	if (!cert) return result(rule, 'fail', '尚无入党积极分子培训结业证书');
	const { validMonths, acceptExternal } = rule.params;
	if (cert.external && !acceptExternal) return result(rule, 'fail', `结业证书 ${cert.serial} 为外校颁发，本校不认可，须参加本校培训`);
	const on = asOf(d, ctx.transition, ctx.today);
	// The school's validity may be shorter than what the certificate itself says; the stricter wins.
	const bySetting = addMonths(cert.issuedOn, validMonths);
	const expires = cert.validUntil && cert.validUntil < bySetting ? cert.validUntil : bySetting;
	if (cert.issuedOn > on) return result(rule, 'fail', `结业证书 ${cert.serial} 颁发于 ${cert.issuedOn}，晚于 ${on}`);
	if (on > expires) return result(rule, 'fail', `结业证书 ${cert.serial} 已于 ${expires} 过期（${cert.issuedOn} 颁发），须重新参加培训`, expires);
	if (cert.external) return result(rule, 'warn', `外校结业证书 ${cert.serial}，有效期至 ${expires}，请人工核对`, expires);
	return result(rule, 'pass', `结业证书 ${cert.serial}，${cert.issuedOn} 颁发，有效期至 ${expires}`, expires);
};

/** 第十七条: at least 3 days or 24 学时; online hours count only up to the school's cap. */
export const candidateTraining: CheckFn<'candidate-training'> = (d, rule) => {
	const t = d.training.candidate;
	if (!t) return result(rule, 'fail', '尚无发展对象集中培训记录');
	if (t.examPassed === false) return result(rule, 'fail', '发展对象集中培训结业考试未通过');
	const { minDays, minCreditHours, onlineCreditHoursCap } = rule.params;
	const online = Math.min(t.creditHours.online, onlineCreditHoursCap);
	const hours = t.creditHours.offline + online;
	const detail = `${t.days}天、计入${hours}学时（线下${t.creditHours.offline}，线上${t.creditHours.online}，线上最多计入${onlineCreditHoursCap}）`;
	if (t.days >= minDays || hours >= minCreditHours) {
		return result(rule, 'pass', `发展对象集中培训${detail}${t.certificate ? `，证书 ${t.certificate.serial}` : ''}`);
	}
	return result(rule, 'fail', `发展对象集中培训不足：${detail}，须不少于${minDays}天或${minCreditHours}学时`);
};

export const probationaryTraining: CheckFn<'probationary-training'> = (d, rule) => {
	const cert = d.training.probationary?.certificate;
	return cert
		? result(rule, 'pass', `预备党员培训结业证书 ${cert.serial}（${cert.issuedOn}）`)
		: result(rule, 'fail', '尚无预备党员培训结业证书');
};
