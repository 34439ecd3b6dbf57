import { fieldErrors, personInput, type PersonInput } from '$lib/people/schema';
import { fromLabel, genderLabels, politicalStatusLabels } from '$lib/labels';
import type { RosterRow } from './columns';
import { withinScope } from '../../auth/scope';
import { educationLabels } from '$lib/people/registry';
import { idNumberMismatch, importedIdNumber } from '../identity';

export interface ImportUnit {
	id: number;
	code: string;
	name: string;
	kind: string;
	path: string;
}

export interface RowError {
	rowNumber: number;
	username: string;
	messages: string[];
}

const fieldLabels: Record<string, string> = {
	username: '学号/工号',
	name: '姓名',
	gender: '性别',
	birthDate: '出生日期',
	orgUnitId: '所属组织',
	grade: '年级',
	classGroup: '班级',
	politicalStatus: '政治面貌',
	phone: '手机',
	graduationDate: '毕业时间',
	ethnicity: '民族',
	nativePlace: '籍贯',
	education: '学历',
	joinedOn: '入党日期',
	confirmedOn: '转正日期'
};

/** What the file may do with 身份证号: the numbers on file and where the importer may write them. */
export interface IdentityContext {
	/** 学号 → 身份证号 on file (for a masked cell exported earlier) */
	current: Map<string, string>;
	/** 身份证号 → 学号 of whoever holds it on file */
	holders: Map<string, string>;
	/** person.sensitive.view over that unit: committee level */
	mayWrite: (orgPath: string) => boolean;
}

export type ValidRow = PersonInput & { rowNumber: number; idNumber?: string };

const noIdentity: IdentityContext = { current: new Map(), holders: new Map(), mayWrite: () => false };

/** '2005/9/1', '2005.09.01', '20050901' → '2005-09-01'; anything else is left for the schema to refuse. */
export function normaliseDate(text: string) {
	const t = text.trim();
	const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
	return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : t;
}

const statusAliases = { 党员: 'member', 中共党员: 'member', 共青团员: 'league_member', 团员: 'league_member', 中共预备党员: 'probationary' } as const;

/**
 * Checks every row before anything is written. `units` are the org units the
 * importer may manage; `existing` maps 学号 to the org path of a person already on file.
 */
export function validateRoster(rows: RosterRow[], units: ImportUnit[], existing: Map<string, string>, scopePaths: string[], identity: IdentityContext = noIdentity) {
	const byCode = new Map(units.map((u) => [u.code.toLowerCase(), u]));
	const byName = new Map(units.map((u) => [u.name, u]));
	const seen = new Map<string, number>();
	const seenIds = new Map<string, number>();
	const valid: ValidRow[] = [];
	const errors: RowError[] = [];

	for (const row of rows) {
		const messages: string[] = [];
		const unit = byCode.get(row.org.toLowerCase()) ?? byName.get(row.org);
		if (!row.org) messages.push('所属组织不能为空');
		else if (!unit) messages.push(`所属组织“${row.org}”不存在或不在您的管理范围内`);
		else if (unit.kind !== 'branch' && unit.kind !== 'unit') messages.push(`所属组织“${row.org}”不是党支部或部门，学生应归属到党支部`);

		const gender = fromLabel(genderLabels, row.gender);
		const status = fromLabel(politicalStatusLabels, row.politicalStatus, statusAliases);
		const parsed = personInput.safeParse({
			username: row.username,
			name: row.name,
			gender: gender ?? row.gender,
			birthDate: normaliseDate(row.birthDate),
			orgUnitId: unit?.id ?? 0,
			grade: row.grade,
			classGroup: row.classGroup,
			politicalStatus: status ?? row.politicalStatus,
			phone: row.phone,
			graduationDate: normaliseDate(row.graduationDate),
			ethnicity: row.ethnicity,
			nativePlace: row.nativePlace,
			education: fromLabel(educationLabels, row.education) ?? row.education,
			joinedOn: normaliseDate(row.joinedOn),
			confirmedOn: normaliseDate(row.confirmedOn)
		});
		if (!parsed.success) {
			for (const [field, message] of Object.entries(fieldErrors(parsed.error))) {
				if (field === 'orgUnitId') continue; // already explained above
				if (field === 'gender' && row.gender) messages.push(`性别“${row.gender}”无法识别，应为“男”或“女”`);
				else if (field === 'politicalStatus' && row.politicalStatus) messages.push(`政治面貌“${row.politicalStatus}”无法识别`);
				else if (field === 'education') messages.push(`学历“${row.education}”无法识别，应为：${Object.values(educationLabels).join('、')}`);
				else messages.push(message.startsWith(fieldLabels[field] ?? '\u0000') ? message : `${fieldLabels[field] ?? field}：${message}`);
			}
		}
		const first = seen.get(row.username);
		if (row.username && first) messages.push(`学号/工号 ${row.username} 与第 ${first} 行重复`);
		else if (row.username) seen.set(row.username, row.rowNumber);

		// A 学号 held outside the importer's scope cannot be created or taken over; the message
		// says so without telling that, or where, or by whom it is held.
		const existingPath = existing.get(row.username);
		if (existingPath && !withinScope(existingPath, scopePaths)) {
			messages.push(`学号/工号 ${row.username} 无法导入，请核对；如确属本单位人员，请联系组织部处理`);
		}
		const id = importedIdNumber(row.idNumber, identity.current.get(row.username) ?? null);
		let idNumber: string | undefined;
		if ('error' in id) messages.push(id.error);
		else if (!id.keep) {
			const holder = identity.holders.get(id.value);
			const firstRow = seenIds.get(id.value);
			if (unit && !identity.mayWrite(unit.path)) messages.push('只有党委一级可以导入身份证号，请清空该列或留用导出时打码的号码');
			else if (firstRow) messages.push(`身份证号与第 ${firstRow} 行重复`);
			else if (holder && holder !== row.username) messages.push('该身份证号已登记在其他人员名下，请核对');
			else {
				const mismatch = parsed.success ? idNumberMismatch(id.value, parsed.data.birthDate) : null;
				if (mismatch) messages.push(mismatch);
				idNumber = id.value;
			}
			seenIds.set(id.value, row.rowNumber);
		}
		if (messages.length) errors.push({ rowNumber: row.rowNumber, username: row.username, messages });
		else if (parsed.success) valid.push({ ...parsed.data, rowNumber: row.rowNumber, ...(idNumber ? { idNumber } : {}) });
	}
	return { valid, errors };
}
