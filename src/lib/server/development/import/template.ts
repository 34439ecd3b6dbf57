import { asText, xlsx } from '../../spreadsheet/write';
import { importColumns } from './columns';

/** The import sheet with its header, one example row and a sheet explaining the columns. */
export function importTemplate() {
	const example = { username: '2023010001', name: '（示例，导入前删除本行）', stage: '入党积极分子', league: '是', appliedOn: '2024-10-08', talkOn: '2024-10-20', leagueRecOn: '2025-03-10', activistOn: '2025-04-15', activistFiledOn: '2025-04-22' };
	const help = [
		{ h: '学号/工号', d: '必填，须已在人员名册中，且在您的管理范围内；已有纪实档案的人员不能重复导入' },
		{ h: '当前阶段', d: '必填：入党申请人、入党积极分子、发展对象、预备党员、正式党员' },
		{ h: '各日期', d: '格式 2025-09-15（也可 2025/9/15、2025年9月15日）；所处阶段须有的日期必须填写，晚于所处阶段的日期不应填写' },
		{ h: '外单位转入（原单位）', d: '从外单位转入的，填写原单位；这些记录将标为“外单位转入，须人工核对”' },
		{ h: '导入规则', d: '整个文件要么全部导入，要么一行也不导入；有误的行会逐行列出。导入的记录标为“导入”，之后办理阶段变更时仍按规则逐项检查' }
	];
	return xlsx([
		{ name: '发展党员纪实', columns: importColumns.map((c) => ({ header: c.header, key: c.key, width: c.width, ...(c.key === 'username' ? { format: asText } : {}) })), rows: [example] },
		{ name: '填写说明', columns: [{ header: '列', key: 'h', width: 26 }, { header: '说明', key: 'd', width: 80 }], rows: help }
	]);
}
