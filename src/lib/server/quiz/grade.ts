import type { AnswerKey, QuestionType, Response } from './tables';
import { fillMatches } from './normalise';

export type MultipleScoring = 'all_or_nothing' | 'partial';

export interface Gradable {
	type: QuestionType;
	answer: AnswerKey;
}

export interface ItemGrade {
	correct: boolean;
	points: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * One answer against the key. Partial credit for multiple choice: any wrong option scores
 * nothing; otherwise the share of the right options chosen (少选按比例得分，错选不得分).
 */
export function gradeItem(q: Gradable, response: Response | null | undefined, points: number, scoring: MultipleScoring): ItemGrade {
	const none = { correct: false, points: 0 };
	if (response === null || response === undefined) return none;
	switch (q.type) {
		case 'single':
			return response === q.answer ? { correct: true, points } : none;
		case 'true_false':
			return response === q.answer ? { correct: true, points } : none;
		case 'fill_blank':
			return typeof response === 'string' && fillMatches(q.answer as string[], response) ? { correct: true, points } : none;
		case 'multiple': {
			if (!Array.isArray(response)) return none;
			const key = new Set(q.answer as number[]);
			const chosen = new Set(response as number[]);
			if (chosen.size === 0 || [...chosen].some((i) => !key.has(i))) return none;
			if (chosen.size === key.size) return { correct: true, points };
			return scoring === 'partial' ? { correct: false, points: round2((points * chosen.size) / key.size) } : none;
		}
	}
}

/** Points → the 100-point scale every score is reported on, one decimal. */
export function toScore(points: number, maxPoints: number) {
	return maxPoints > 0 ? Math.round((points / maxPoints) * 1000) / 10 : 0;
}
