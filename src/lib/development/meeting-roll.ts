// Members of a branch who, by rule, are not counted among those who should attend its general
// meeting (应到会人数) — the only correction a recorder may make to the roll the server derives.
// 留党察看: the member keeps attending but has no vote (《党章》第四十条), so is not counted either.

export const excusedReasons = ['abroad', 'away', 'illness', 'disciplinary_probation', 'other'] as const;
export type ExcusedReason = (typeof excusedReasons)[number];

export const excusedReasonLabels: Record<ExcusedReason, string> = {
	abroad: '出国（境）半年以上',
	away: '经批准长期外出学习或工作',
	illness: '因病不能表达本人意志',
	disciplinary_probation: '受留党察看处分（无表决权）',
	other: '其他原因长期不能参加支部大会'
};

/**
 * The roll as the meeting form shows it: today's full members with a vote, by name. A meeting
 * recorded later is counted against the roll of its own day (records/meeting-roll.ts, branchRoll).
 */
export interface MeetingRollView {
	branchName: string;
	members: { id: number; name: string; username: string }[];
	/** Under 留党察看 on the day (from the registry): on the roll, no vote, never counted. */
	withoutVote: string[];
}
