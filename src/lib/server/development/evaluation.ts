import type { RulesInEffect } from './context';
import { evaluateTransition, type TransitionEvaluation } from './evaluate';
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
 * failing training check (an expired or revoked certificate reads better than 「尚无」 alone).
 */
export function evaluateFor(loaded: LoadedPerson, transition: Transition, rules: RulesInEffect, dossier: PersonDossier = loaded.dossier): TransitionEvaluation {
	const e = evaluateTransition(dossier, transition, rules.settings, rules.ctx);
	for (const r of e.results) {
		const kind = trainingChecks[r.checkId];
		const notes = kind && r.status === 'fail' ? loaded.trainingNotes[kind] : undefined;
		if (notes?.length) r.reason = `${r.reason}（党校记录：${notes.join('；')}）`;
	}
	return e;
}
