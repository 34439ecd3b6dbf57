// Chinese labels of the quiz feature's code names; pages, exports and messages share them.
export const questionTypeLabels = { single: '单选', multiple: '多选', true_false: '判断', fill_blank: '填空' } as const;
export const difficultyLabels: Record<number, string> = { 1: '易', 2: '中', 3: '难' };
export const visibilityLabels = { never: '不公布', after_submit: '交卷后', after_close: '考试结束后' } as const;
export const gradingMethodLabels = { highest: '取最高分', last: '取最后一次' } as const;
export const multipleScoringLabels = { all_or_nothing: '全对才得分', partial: '少选按比例得分，错选不得分' } as const;
export const eventKindLabels = { hidden: '切换标签页/离开页面', blur: '窗口失去焦点', paste: '粘贴', offline: '网络断开', online: '网络恢复' } as const;
export const submitReasonLabels = { learner: '本人交卷', timeout: '时间到自动交卷' } as const;
export const attemptStatusLabels = { in_progress: '作答中', submitted: '已交卷' } as const;

/** A question's 题号 as the bank, the analysis and the exports show it: its code, or that it has none. */
export function questionCode(code: string | null | undefined): string {
	return code || '未编号';
}
