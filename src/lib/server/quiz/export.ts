import { identityColumns, xlsx, type Sheet } from '../spreadsheet/write';
import { shanghaiDateTime } from '$lib/time/shanghai';
import { questionCode, questionTypeLabels } from '$lib/quiz/labels';
import type { examResults, branchSummary } from './results';
import type { ItemStats } from './analysis';
import { keyText } from './question-schema';

type ResultRow = Awaited<ReturnType<typeof examResults>>['rows'][number];
type BranchRow = Awaited<ReturnType<typeof branchSummary>>[number];

const percent = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 10 : null);

/** 成绩 (one row per learner), 按支部 and, when given, 试题分析. */
export function resultsWorkbook(meta: { title: string; cohortName: string; passMark: number }, rows: ResultRow[], branches: BranchRow[], items?: ItemStats[]) {
	const results: Sheet = {
		name: '成绩',
		columns: [
			...identityColumns,
			{ header: '所属支部', key: 'unitName', width: 28 },
			{ header: '作答次数', key: 'attempts', width: 10 },
			{ header: '成绩', key: 'score', width: 8 },
			{ header: '是否及格', key: 'passed', width: 10 },
			{ header: '最后交卷时间', key: 'lastSubmittedAt', width: 18 },
			{ header: '异常行为记录', key: 'events', width: 14 }
		],
		rows: rows.map((r) => ({
			...r,
			passed: r.score === null ? (r.running ? '作答中' : '未参加') : r.passed ? `及格（≥${meta.passMark}）` : '不及格',
			lastSubmittedAt: shanghaiDateTime(r.lastSubmittedAt)
		}))
	};
	const byBranch: Sheet = {
		name: '按支部',
		columns: [
			{ header: '支部', key: 'unitName', width: 28 },
			{ header: '学员数', key: 'learners', width: 8 },
			{ header: '参考人数', key: 'sat', width: 10 },
			{ header: '及格人数', key: 'passed', width: 10 },
			{ header: '及格率（%）', key: 'rate', width: 12 },
			{ header: '平均分', key: 'average', width: 8 },
			{ header: '最高分', key: 'highest', width: 8 }
		],
		rows: branches.map((b) => ({ ...b, rate: percent(b.passed, b.sat) }))
	};
	return xlsx(items ? [results, byBranch, analysisSheet(items)] : [results, byBranch], { title: `${meta.cohortName} ${meta.title}` });
}

function analysisSheet(items: ItemStats[]): Sheet {
	return {
		name: '试题分析',
		columns: [
			{ header: '题号', key: 'code', width: 10 },
			{ header: '题型', key: 'type', width: 6 },
			{ header: '章节', key: 'chapter', width: 6 },
			{ header: '题干', key: 'stem', width: 50 },
			{ header: '答案', key: 'key', width: 14 },
			{ header: '抽到次数', key: 'drawn', width: 10 },
			{ header: '作答次数', key: 'answered', width: 10 },
			{ header: '答对次数', key: 'correct', width: 10 },
			{ header: '得分率（%）', key: 'facility', width: 12 },
			{ header: '各选项选择次数', key: 'choices', width: 30 }
		],
		rows: items.map((i) => ({
			...i,
			code: questionCode(i.code),
			type: questionTypeLabels[i.type],
			key: keyText(i.type, i.answer),
			facility: Math.round(i.facility * 1000) / 10,
			choices: i.options.length
				? i.optionCounts.map((n, k) => `${String.fromCharCode(65 + k)}:${n}`).join(' ')
				: i.otherCounts.map((o) => `${o.text}:${o.count}`).join('；')
		}))
	};
}
