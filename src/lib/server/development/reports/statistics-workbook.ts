import { xlsx, type Column, type Sheet } from '../../spreadsheet/write';
import { dimensionLabels, measureDefinitions, measureLabels, statisticDimensions, statisticMeasures } from '$lib/development/statistics';
import type { Statistics } from './statistics';

// The year's tables as the report is filed: one sheet per breakdown with a 合计 row, and what
// each column counts, so a figure can be checked against the records it came from.

const measureColumns: Column[] = statisticMeasures.map((m) => ({ header: measureLabels[m], key: m, width: 14, format: '0' }));

export function statisticsWorkbook(stats: Statistics, scopeName: string) {
	const title = `${stats.year}年度发展党员统计（${scopeName}）`;
	const sheets: Sheet[] = statisticDimensions.map((dim) => ({
		name: `按${dimensionLabels[dim]}`,
		caption: [`${title}：按${dimensionLabels[dim]}`],
		columns: [{ header: dimensionLabels[dim], key: 'label', width: dim === 'college' ? 28 : 14 }, ...measureColumns],
		rows: [...stats.byDimension[dim].map((r) => ({ label: r.label, ...r.counts })), { label: '合计', ...stats.total }]
	}));
	sheets.push({
		name: '统计口径',
		caption: [title],
		columns: [
			{ header: '项目', key: 'measure', width: 16 },
			{ header: '统计口径', key: 'definition', width: 70, wrap: true }
		],
		rows: [
			...statisticMeasures.map((m) => ({ measure: measureLabels[m], definition: `${stats.year}年内，${measureDefinitions[m]}；以纪实档案中的记录为准（作废的记录不计）。` })),
			{ measure: '未填写', definition: '党员名册中性别、民族、年级或学历未填写的人员单列为「未填写」，不遗漏。' }
		]
	});
	return xlsx(sheets, { title });
}
