import type { YearArrangement } from './schema';

// 《国务院办公厅关于2025年部分节假日安排的通知》（国办发明电〔2024〕12号，2024年11月12日）.
// Checked against the text published by Xinhua / gmw.cn (m.gmw.cn/2024-11/12/content_1303894933.htm).
export const cn2025: YearArrangement = {
	year: 2025,
	source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
	periods: [
		{ name: '元旦', from: '2025-01-01', to: '2025-01-01', makeUpWorkdays: [] },
		{ name: '春节', from: '2025-01-28', to: '2025-02-04', makeUpWorkdays: ['2025-01-26', '2025-02-08'] },
		{ name: '清明节', from: '2025-04-04', to: '2025-04-06', makeUpWorkdays: [] },
		{ name: '劳动节', from: '2025-05-01', to: '2025-05-05', makeUpWorkdays: ['2025-04-27'] },
		{ name: '端午节', from: '2025-05-31', to: '2025-06-02', makeUpWorkdays: [] },
		{ name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08', makeUpWorkdays: ['2025-09-28', '2025-10-11'] }
	]
};
