/** A learner's completion state in a cohort (the engine's PartState). */
export type CompletionState = 'met' | 'not_met' | 'pending';

/**
 * The one wording of a completion state, used by every page that shows it so they agree.
 * Meeting the requirements is not yet 结业: until a certificate exists (a cohort needing 0 学时
 * is "met" by someone who studied nothing) the label says the certificate is still to come.
 */
export function completionLabel(state: CompletionState, hasCertificate: boolean): string {
	if (state === 'met') return hasCertificate ? '已结业' : '达到结业要求（待发证）';
	return state === 'pending' ? '学习中' : '未结业';
}

/** The states in filter order, with the label a filter shows (the state, not the certificate). */
export const completionFilterLabels: Record<CompletionState, string> = { met: '达到结业要求', pending: '学习中', not_met: '未结业' };
