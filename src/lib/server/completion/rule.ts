/**
 * A cohort's completion rule (结业条件). A part is off when its field is null (or false).
 * Pure data: the table row, the form and the evaluation all use this shape.
 */
export interface CompletionRule {
	/** every required published lesson completed */
	requireLessons: boolean;
	/** online 学时 credited ≥ this */
	minOnlineHours: number | null;
	/** at most this many online 学时 count towards the hours credited (certificate, development module) */
	onlineHoursCap: number | null;
	/** offline attendance rate ≥ this percent */
	minAttendanceRate: number | null;
	/** unexcused absences (缺勤) ≤ this */
	maxUnexcusedAbsences: number | null;
	requireFinalExam: boolean;
	/** null: the cohort's exam that closes last */
	finalExamId: number | null;
	/** a reflection essay (心得体会) of at least this many characters, approved by an instructor */
	reflectionMinChars: number | null;
}

/** Without a saved rule a cohort asks what the cohorts module always showed: lessons and hours. */
export function defaultRule(requiredHours: number): CompletionRule {
	return {
		requireLessons: true,
		minOnlineHours: requiredHours,
		onlineHoursCap: null,
		minAttendanceRate: null,
		maxUnexcusedAbsences: null,
		requireFinalExam: false,
		finalExamId: null,
		reflectionMinChars: null
	};
}

export const partKeys = ['lessons', 'online_hours', 'attendance_rate', 'absences', 'final_exam', 'reflection'] as const;
export type PartKey = (typeof partKeys)[number];

export const partLabels: Record<PartKey, string> = {
	lessons: '必修课时',
	online_hours: '线上学时',
	attendance_rate: '线下出勤率',
	absences: '无故缺勤',
	final_exam: '结业考试',
	reflection: '心得体会'
};

/** The rule in one line per part, for the rule page and exports. */
export function describeRule(rule: CompletionRule): string[] {
	const out: string[] = [];
	if (rule.requireLessons) out.push('完成全部必修课时');
	if (rule.minOnlineHours !== null) out.push(`线上学时不少于 ${rule.minOnlineHours}`);
	if (rule.onlineHoursCap !== null) out.push(`线上学时最多计入 ${rule.onlineHoursCap}`);
	if (rule.minAttendanceRate !== null) out.push(`线下出勤率不低于 ${rule.minAttendanceRate}%`);
	if (rule.maxUnexcusedAbsences !== null) out.push(`无故缺勤不超过 ${rule.maxUnexcusedAbsences} 次`);
	if (rule.requireFinalExam) out.push('结业考试合格');
	if (rule.reflectionMinChars !== null) out.push(`提交不少于 ${rule.reflectionMinChars} 字的心得体会并经教师审核通过`);
	return out.length ? out : ['无附加条件（报名即可结业）'];
}
