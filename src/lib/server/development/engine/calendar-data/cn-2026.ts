import type { YearArrangement } from './schema';

// 《国务院办公厅关于2026年部分节假日安排的通知》（2025年11月4日，新华社播发）.
// Checked against the text published by Xinhua / gmw.cn (politics.gmw.cn/2025-11/04/content_38391083.htm).
export const cn2026: YearArrangement = {
	year: 2026,
	source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
	periods: [
		{ name: '元旦', from: '2026-01-01', to: '2026-01-03', makeUpWorkdays: ['2026-01-04'] },
		{ name: '春节', from: '2026-02-15', to: '2026-02-23', makeUpWorkdays: ['2026-02-14', '2026-02-28'] },
		{ name: '清明节', from: '2026-04-04', to: '2026-04-06', makeUpWorkdays: [] },
		{ name: '劳动节', from: '2026-05-01', to: '2026-05-05', makeUpWorkdays: ['2026-05-09'] },
		{ name: '端午节', from: '2026-06-19', to: '2026-06-21', makeUpWorkdays: [] },
		{ name: '中秋节', from: '2026-09-25', to: '2026-09-27', makeUpWorkdays: [] },
		{ name: '国庆节', from: '2026-10-01', to: '2026-10-07', makeUpWorkdays: ['2026-09-20', '2026-10-10'] }
	]
};
