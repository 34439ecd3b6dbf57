// Chinese names of what is handed in online (server: development/submission-table.ts).
export const submissionKindLabels = {
	application: '入党申请书',
	thought_report: '思想汇报',
	mentor_opinion: '培养考察意见',
	evaluation: '半年考察'
} as const;

export const submissionStatusLabels = { submitted: '待受理', accepted: '已受理', returned: '已退回' } as const;
