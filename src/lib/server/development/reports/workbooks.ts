import { identityColumns, xlsx, type Column, type Sheet } from '../../spreadsheet/write';
import { boardStatusLabels, dueStatusLabels, stageLabels, stageOrder, transitionLabels } from '$lib/development/labels';
import type { Assessed, BoardSummary, DueRow } from './board';

// XLSX exports of the development module. Every sheet about people carries their exemptions: an
// exemption is part of every report about the person (development-rules.md §4).

const exemptionText = (p: Assessed) => p.exemptions.map((x) => `${x.title}：${x.reason}`).join('；');
const flags = (p: Assessed) => [p.external ? '外单位转入，须人工核对' : '', p.imported ? '导入' : ''].filter(Boolean).join('；');

const personColumns: Column[] = [
	...identityColumns,
	{ header: '所在支部', key: 'branch', width: 28 },
	{ header: '当前阶段', key: 'stage', width: 12 },
	{ header: '本阶段起始', key: 'since', width: 12 }
];

function personCells(p: Assessed) {
	return { username: p.username, name: p.name, branch: p.branchName, stage: stageLabels[p.stage], since: p.stageSince };
}

function peopleSheet(name: string, people: Assessed[]): Sheet {
	return {
		name,
		columns: [
			...personColumns,
			{ header: '下一步', key: 'next', width: 18 },
			{ header: '状态', key: 'standing', width: 10 },
			{ header: '最早可办理日期', key: 'eligibleOn', width: 14 },
			{ header: '未满足的条件', key: 'blockers', width: 70, wrap: true },
			{ header: '提示', key: 'warnings', width: 40, wrap: true },
			{ header: '豁免', key: 'exemptions', width: 40, wrap: true },
			{ header: '备注', key: 'flags', width: 20 }
		],
		rows: people.map((p) => ({
			...personCells(p),
			next: p.next ? transitionLabels[p.next] : '（已转正）',
			standing: p.standing === 'done' ? '' : boardStatusLabels[p.standing],
			eligibleOn: p.eligibleOn ?? '',
			blockers: p.blockers.map((b) => `${b.title}：${b.reason}`).join('\n'),
			warnings: p.warnings.join('\n'),
			exemptions: exemptionText(p),
			flags: flags(p)
		}))
	};
}

/** 「本月到期 / 已超期」 and any other due items asked for. */
export function dueWorkbook(rows: DueRow[]) {
	const columns = [
		...personColumns,
		{ header: '事项', key: 'title', width: 30 },
		{ header: '期限', key: 'dueDate', width: 12 },
		{ header: '状态', key: 'status', width: 10 },
		{ header: '说明', key: 'note', width: 30 },
		{ header: '豁免', key: 'exemptions', width: 40 }
	];
	const lines = rows.map((r) => {
		const p = r.person as Assessed;
		return {
			...personCells(p),
			title: r.item.title,
			dueDate: r.item.dueDate,
			status: dueStatusLabels[r.item.status],
			note: r.item.missingYears ? `工作日历缺失（${r.item.missingYears.join('、')}年），按周末估算` : '',
			exemptions: p.exemptions ? exemptionText(p) : ''
		};
	});
	return xlsx([{ name: '时间节点', columns, rows: lines }]);
}

/** A branch board: counts per stage, then everyone with what blocks them and when they become eligible. */
export function boardWorkbook(branchName: string, people: Assessed[], summary: BoardSummary) {
	const counts = [
		...stageOrder.map((s) => ({ branch: branchName, stage: stageLabels[s], count: summary.counts[s] })),
		{},
		...Object.entries(summary.standing)
			.filter(([k]) => k !== 'done')
			.map(([k, n]) => ({ branch: branchName, stage: boardStatusLabels[k as 'ready'], count: n }))
	];
	const blocked = people.flatMap((p) =>
		p.blockers.map((b) => ({ ...personCells(p), check: b.title, status: b.status === 'pending' ? '未到期' : '不通过', reason: b.reason, source: b.source, dueDate: b.dueDate ?? '' }))
	);
	return xlsx([
		{
			name: '各阶段人数',
			columns: [
				{ header: '支部', key: 'branch', width: 30 },
				{ header: '阶段', key: 'stage', width: 14 },
				{ header: '人数', key: 'count', width: 8 }
			],
			rows: counts
		},
		peopleSheet('名单', people),
		{
			name: '受阻明细',
			columns: [
				...personColumns,
				{ header: '检查项', key: 'check', width: 24 },
				{ header: '结果', key: 'status', width: 8 },
				{ header: '说明', key: 'reason', width: 60 },
				{ header: '依据', key: 'source', width: 24 },
				{ header: '日期', key: 'dueDate', width: 12 }
			],
			rows: blocked
		}
	]);
}

export function peopleWorkbook(people: Assessed[]) {
	return xlsx([peopleSheet('发展党员名单', people)]);
}
