// development_submission (migration 20261202212711_development_submission): what a person or their
// mentor hands in online, until the branch accepts it as a development_entry or returns it.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const submissionKinds = ['application', 'thought_report', 'mentor_opinion', 'evaluation'] as const;
export type SubmissionKind = (typeof submissionKinds)[number];
export type SubmissionStatus = 'submitted' | 'accepted' | 'returned';

export interface DevelopmentSubmissionTable {
	id: Generated<number>;
	personId: number;
	kind: SubmissionKind;
	/** '2026-Q4' (思想汇报), '2026-H2' (mentor's opinion and evaluation), the day for an application */
	period: string;
	authorId: number;
	body: Generated<string>;
	attachmentId: string | null;
	status: Generated<SubmissionStatus>;
	submittedAt: Timestamp;
	decidedBy: number | null;
	decidedAt: NullableTimestamp;
	returnReason: string | null;
	entryId: number | null;
}
