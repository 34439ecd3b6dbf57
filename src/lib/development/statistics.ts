// The annual development statistics (党内统计年报's 发展党员 tables): what is counted and how it
// is broken down, in the words of the page and the export.

export const statisticMeasures = ['applicants', 'activists', 'candidates', 'admitted', 'confirmed'] as const;
export type StatisticMeasure = (typeof statisticMeasures)[number];

export const measureLabels: Record<StatisticMeasure, string> = {
	applicants: '入党申请人',
	activists: '入党积极分子',
	candidates: '发展对象',
	admitted: '接收预备党员',
	confirmed: '转正'
};

/** Which step's date puts a person into a year, as 党内统计 counts them. */
export const measureDefinitions: Record<StatisticMeasure, string> = {
	applicants: '按递交入党申请书的日期统计',
	activists: '按支部委员会确定为入党积极分子的日期统计',
	candidates: '按支部委员会确定为发展对象的日期统计',
	admitted: '按支部大会讨论接收的日期（入党日期）统计，须已经党委审批',
	confirmed: '按预备期满之日（转正日期，含延长的预备期）统计，须已经党委审批'
};

export const statisticDimensions = ['college', 'gender', 'ethnicity', 'grade', 'education'] as const;
export type StatisticDimension = (typeof statisticDimensions)[number];

export const dimensionLabels: Record<StatisticDimension, string> = {
	college: '学院',
	gender: '性别',
	ethnicity: '民族',
	grade: '年级',
	education: '学历'
};

/** A person whose registry field is empty is counted in a row of their own, never dropped. */
export const NOT_FILLED = '未填写';

export type StatisticCounts = Record<StatisticMeasure, number>;

export interface StatisticRow {
	/** the stored value ('' for 未填写; the org unit id for a college) */
	key: string;
	label: string;
	counts: StatisticCounts;
}
