// The members' registry (党员名册) fields shared by forms, import, export and pages.

/** The 56 民族 as the national standard (GB/T 3304) names them; stored by name. */
export const ethnicities = [
	'汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族',
	'土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族',
	'景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族',
	'普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
	'独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族', '其他'
] as const;

/** '汉' and '汉族' both mean 汉族 (rosters write either). */
export function normaliseEthnicity(text: string) {
	const t = text.trim();
	if (t === '' || t === '其他') return t;
	return t.endsWith('族') ? t : `${t}族`;
}

/** 学历 in the categories the party's statistics count. */
export const educationLabels = {
	doctorate: '博士研究生',
	master: '硕士研究生',
	bachelor: '大学本科',
	associate: '大学专科',
	secondary_vocational: '中专',
	high_school: '高中',
	junior_or_below: '初中及以下'
} as const;
export type Education = keyof typeof educationLabels;
export const educations = Object.keys(educationLabels) as Education[];

/** 处分 as the party's disciplinary rules name them, lightest first. */
export const disciplineLabels = {
	warning: '警告',
	serious_warning: '严重警告',
	removal_from_post: '撤销党内职务',
	probation: '留党察看',
	expulsion: '开除党籍'
} as const;
export type DisciplineKind = keyof typeof disciplineLabels;
export const disciplineKinds = Object.keys(disciplineLabels) as DisciplineKind[];

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheckCharacters = '10X98765432';

/** GB 11643: 17 digits and a check character computed from them (mod 11). */
export function idNumberCheckCharacter(first17: string) {
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * idWeights[i];
	return idCheckCharacters[sum % 11];
}

/** Why an 18-digit 身份证号 is wrong, or null when it holds (upper-case X expected). */
export function idNumberProblem(v: string): string | null {
	if (!/^\d{17}[\dX]$/.test(v)) return '身份证号应为18位，前17位是数字，最后一位是数字或X';
	const birth = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
	const d = new Date(`${birth}T00:00:00Z`);
	if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birth || birth < '1900-01-01') return `身份证号中的出生日期（${v.slice(6, 14)}）不存在`;
	if (idNumberCheckCharacter(v) !== v[17]) return '身份证号校验位不正确，请核对是否输错';
	return null;
}

/** The birth date a valid 身份证号 carries. */
export const idNumberBirthDate = (v: string) => `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;

/** 3201**********1234: the region's first four and the last four, enough to tell two people apart. */
export function maskIdNumber(v: string) {
	return `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}

export const isMaskedIdNumber = (v: string) => /^\d{4}\*{10}[\dX]{4}$/.test(v);

/**
 * 党龄: whole years since 转正 (a 预备党员 has none yet). Computed, never stored, so it is
 * right on every day without a job to update it.
 */
export function partyAge(confirmedOn: string | null, today: string): number | null {
	if (!confirmedOn || confirmedOn > today) return null;
	const years = Number(today.slice(0, 4)) - Number(confirmedOn.slice(0, 4));
	return today.slice(5) >= confirmedOn.slice(5) ? years : years - 1;
}
