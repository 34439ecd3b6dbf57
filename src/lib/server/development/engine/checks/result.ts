import type { AppliedRule, CheckId } from '../rule-types';
import type { CalendarDate, CheckContext, CheckResult, CheckStatus, PersonDossier } from '../types';

export type CheckFn<K extends CheckId> = (dossier: PersonDossier, rule: AppliedRule<K>, ctx: CheckContext) => CheckResult;

export function result(rule: AppliedRule<CheckId>, status: CheckStatus, reason: string, dueDate?: CalendarDate): CheckResult {
	const r: CheckResult = { checkId: rule.id, status, reason, source: rule.source, exemptable: rule.exemptable };
	if (dueDate !== undefined) r.dueDate = dueDate;
	return r;
}

export interface ElapsedWording {
	/** e.g. '培养考察' */
	subject: string;
	/** e.g. '满一年' */
	reached: string;
	/** e.g. '确定为发展对象' */
	decision: string;
}

/**
 * A requirement met by the passage of time: pending (with the date) until `earliest`; a decision
 * recorded before `earliest` fails, because the decision itself was premature.
 */
export function elapsed(rule: AppliedRule<CheckId>, earliest: CalendarDate, decided: CalendarDate | undefined, today: CalendarDate, w: ElapsedWording): CheckResult {
	if (decided !== undefined) {
		return decided >= earliest
			? result(rule, 'pass', `${w.subject}已${w.reached}：${earliest} ${w.reached}，${w.decision}于 ${decided}`)
			: result(rule, 'fail', `${w.subject}未${w.reached}：${w.decision}于 ${decided}，但 ${earliest} 才${w.reached}`, earliest);
	}
	return today >= earliest
		? result(rule, 'pass', `${w.subject}已${w.reached}：${earliest} ${w.reached}`)
		: result(rule, 'pending', `${w.subject}未${w.reached}：${earliest} ${w.reached}`, earliest);
}
