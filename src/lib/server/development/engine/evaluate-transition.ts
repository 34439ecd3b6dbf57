import { checks } from './checks';
import type { CheckId, EffectiveSettings } from './rule-types';
import type { CheckContext, CheckResult, EvaluationContext, Exemption, PersonDossier, Stage, Transition } from './types';

export interface TransitionEvaluation {
	transition: Transition;
	results: CheckResult[];
	blocked: boolean;
	/** Ids of the checks that block, in table order. */
	blockingChecks: CheckId[];
	/** Set when the person is not at the stage this transition starts from (e.g. moved meanwhile). */
	stageError?: string;
}

const fromStage: Partial<Record<Transition, Stage>> = {
	to_activist: 'applicant',
	to_candidate: 'activist',
	to_probationary: 'candidate',
	to_member: 'probationary',
	extend_probation: 'probationary',
	cancel_probation: 'probationary'
};

const stageLabels: Record<Stage, string> = {
	applicant: '入党申请人',
	activist: '入党积极分子',
	candidate: '发展对象',
	probationary: '预备党员',
	member: '正式党员'
};

function runCheck<K extends CheckId>(id: K, dossier: PersonDossier, settings: EffectiveSettings, ctx: CheckContext): CheckResult {
	const r = checks[id](dossier, settings.rules[id], ctx);
	// The level that set a stricter value than the school's is named in the reason.
	return settings.rules[id].setBy === 'college' ? { ...r, reason: `${r.reason}（学院规定）` } : r;
}

/**
 * Exemptions cover failing or pending checks, and only checks the rule set marks exemptable: a
 * national floor cannot be waived, so an exemption recorded against one is shown but not applied.
 */
function withExemption(r: CheckResult, exemptions: readonly Exemption[], settings: EffectiveSettings): CheckResult {
	// Most people have no exemption: no search (this runs for every check of a whole school).
	if (r.status === 'pass' || r.status === 'warn' || exemptions.length === 0) return r;
	const granted = exemptions.filter((e) => e.checkId === r.checkId).sort((a, b) => (a.grantedOn < b.grantedOn ? -1 : 1)).at(-1);
	if (!granted) return r;
	if (!r.exemptable) {
		// An exemptable rule whose answer is not: the record itself is wrong (e.g. a past leaving date).
		const note = settings.rules[r.checkId].exemptable ? '记录有误，须先更正；已登记的豁免不适用于记录错误' : '本项为全国统一规定，不能豁免，已登记的豁免不予采用';
		return { ...r, exemption: { applied: false, reason: granted.reason, note } };
	}
	return { ...r, exemption: { applied: true, reason: granted.reason } };
}

/**
 * Decide a transition for one person, at `ctx.today` or at the dates the dossier records for it. Pure
 * and synchronous: call it inside the transition's transaction on freshly loaded records, never on a
 * cached answer (a certificate may have expired since). `fail` and `pending` block unless exempted.
 */
export function evaluateTransition(dossier: PersonDossier, transition: Transition, settings: EffectiveSettings, ctx: EvaluationContext): TransitionEvaluation {
	const acceptExternalTraining = settings.rules['activist-training'].params.acceptExternal;
	const checkCtx: CheckContext = { today: ctx.today, calendar: ctx.calendar, transition, acceptExternalTraining };
	const results = settings.byTransition[transition].map((id) => withExemption(runCheck(id, dossier, settings, checkCtx), dossier.exemptions, settings));
	const blockingChecks = results.filter((r) => (r.status === 'fail' || r.status === 'pending') && !r.exemption?.applied).map((r) => r.checkId);
	const expected = fromStage[transition];
	const stageError = expected && dossier.stage !== expected ? `当前为${stageLabels[dossier.stage]}，此项须由${stageLabels[expected]}办理` : undefined;
	return {
		transition,
		results,
		blocked: blockingChecks.length > 0 || stageError !== undefined,
		blockingChecks,
		...(stageError ? { stageError } : {})
	};
}
