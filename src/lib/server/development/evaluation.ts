import type { RulesInEffect } from './context';
import { evaluateTransition, type TransitionEvaluation } from './evaluate';
import { pendingExternalNotes } from './external-training';
import type { LoadedPerson } from './load';
import type { CheckId } from './rule-types';
import type { PersonDossier, TrainingKind, Transition } from './types';

const trainingChecks: Partial<Record<CheckId, TrainingKind>> = {
	'activist-training': 'activist',
	'candidate-training': 'candidate',
	'probationary-training': 'probationary'
};

/**
 * The engine's verdict on freshly loaded records, with the party school's own words beside a
 * training check that does not pass (an expired or revoked certificate, an exam not yet taken,
 * reads better than 「尚无」 alone), and any external certificate still waiting for the committee.
 */
export function evaluateFor(loaded: LoadedPerson, transition: Transition, rules: RulesInEffect, dossier: PersonDossier = loaded.dossier): TransitionEvaluation {
	const e = evaluateTransition(dossier, transition, rules.settingsForUnit(loaded.orgUnitId), rules.ctx);
	for (const r of e.results) {
		const kind = trainingChecks[r.checkId];
		if (!kind || r.status === 'pass') continue;
		const notes = loaded.trainingNotes[kind];
		if (notes?.length) r.reason = `${r.reason}（党校记录：${notes.join('；')}）`;
		const pending = pendingExternalNotes(loaded.entries, kind);
		if (pending.length) r.reason = `${r.reason}；${pending.join('；')}`;
	}
	return e;
}
