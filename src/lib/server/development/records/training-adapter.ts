import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { trainingStatusMany, type TrainingCategory } from '../../certificates/training-status';
import type { TrainingKind, TrainingSummary } from '../engine/types';

// The training checks read the party school through its one door (certificates/training-status.ts)
// at the moment of use: the valid certificate at `at`, else the live training record. Nothing is
// cached between evaluations, so a certificate that has since expired or been revoked blocks.

const schoolKind: Record<TrainingKind, TrainingCategory> = {
	activist: 'activist_training',
	candidate: 'candidate_training',
	probationary: 'probationary_training'
};

export type TrainingByPerson = Map<number, Partial<Record<TrainingKind, TrainingSummary>>>;
/** The party school's own words per person and kind (e.g. 「结业证书 … 已于 … 过期」), shown beside a failing check. */
export type TrainingNotes = Map<number, Partial<Record<TrainingKind, string[]>>>;

/** One set-based call per kind, each for only the people who need that kind. */
export async function trainingSummaries(db: Kysely<Database>, wanted: Partial<Record<TrainingKind, number[]>>, at: Date) {
	const summaries: TrainingByPerson = new Map();
	const notes: TrainingNotes = new Map();
	const kinds = (Object.keys(wanted) as TrainingKind[]).filter((k) => wanted[k]!.length > 0);
	const answers = await Promise.all(kinds.map((k) => trainingStatusMany(db, wanted[k]!, schoolKind[k], at)));
	kinds.forEach((kind, i) => {
		for (const [personId, st] of answers[i]) {
			const trained = st.certificate !== null || st.creditHours.total > 0 || st.days > 0;
			const byKind = summaries.get(personId) ?? {};
			if (trained) {
				byKind[kind] = {
					certificate: st.certificate,
					creditHours: { offline: st.creditHours.offline, online: st.creditHours.online },
					days: st.days,
					exam: st.exam,
					completed: st.completed,
					completedOn: st.completedOn
				};
				summaries.set(personId, byKind);
			}
			const n = notes.get(personId) ?? {};
			n[kind] = st.reasons;
			notes.set(personId, n);
		}
	});
	return { summaries, notes };
}
