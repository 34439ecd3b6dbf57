import { describe, expect, it } from 'vitest';
import type { RosterRow } from './columns';
import { validateRoster, type ImportUnit } from './validate';

const units: ImportUnit[] = [{ id: 5, code: 'CS-UG1', name: '计算机学院本科生第一党支部', kind: 'branch', path: '/1/3/5/' }];
const scope = ['/1/3/'];
const row = (rowNumber: number, username: string, name = '新同学'): RosterRow => ({
	rowNumber,
	username,
	name,
	gender: '男',
	birthDate: '2005-01-02',
	org: 'CS-UG1',
	grade: '2024',
	classGroup: '计科241班',
	politicalStatus: '共青团员',
	phone: '',
	graduationDate: '',
	ethnicity: '',
	nativePlace: '',
	education: '',
	idNumber: '',
	joinedOn: '',
	confirmedOn: ''
});

describe('a roster row whose 学号 belongs to someone outside the importer\'s scope', () => {
	it('is refused with a neutral message that says nothing about where or whom the 学号 belongs to', () => {
		const existing = new Map([['M0001', '/1/4/7/'], ['C0001', '/1/3/5/']]);
		const { valid, errors } = validateRoster([row(2, 'M0001', '王医生'), row(3, 'M0001x'), row(4, 'C0001')], units, existing, scope);
		expect(errors).toEqual([{ rowNumber: 2, username: 'M0001', messages: ['学号/工号 M0001 无法导入，请核对；如确属本单位人员，请联系组织部处理'] }]);
		// Rows in scope go through: a new 学号 is created, one already in the branch is updated.
		expect(valid.map((v) => v.username)).toEqual(['M0001x', 'C0001']);
	});

	it('gets the same message whatever the row says, so the file cannot probe the other record', () => {
		const existing = new Map([['M0001', '/1/4/7/']]);
		const a = validateRoster([row(2, 'M0001', '王医生')], units, existing, scope).errors[0].messages;
		const b = validateRoster([row(2, 'M0001', '随便写')], units, existing, scope).errors[0].messages;
		expect(a).toEqual(b);
	});
});

describe('the registry columns of a roster row', () => {
	const committee = { current: new Map<string, string>(), holders: new Map<string, string>(), mayWrite: () => true };
	const member = (rowNumber: number, username: string, extra: Partial<RosterRow>): RosterRow => ({
		...row(rowNumber, username),
		politicalStatus: '中共党员',
		birthDate: '2000-01-01',
		...extra
	});

	it('reads 民族, 学历 by its label, the dates and a 身份证号 that holds', () => {
		const { valid, errors } = validateRoster(
			[member(2, 'P1', { ethnicity: '回', education: '大学本科', nativePlace: '江苏南京', idNumber: '320102200001011238', joinedOn: '2019/6/1', confirmedOn: '2020.06.01' })],
			units, new Map(), scope, committee
		);
		expect(errors).toEqual([]);
		expect(valid[0]).toMatchObject({ ethnicity: '回族', education: 'bachelor', nativePlace: '江苏南京', idNumber: '320102200001011238', joinedOn: '2019-06-01', confirmedOn: '2020-06-01' });
	});

	it('names each bad row in Chinese: checksum, birth date, duplicates, 学历 and a number below committee level', () => {
		const { valid, errors } = validateRoster(
			[
				member(2, 'P1', { idNumber: '320102200001011239' }),
				member(3, 'P2', { idNumber: '320102199906154561' }),
				member(4, 'P3', { birthDate: '1999-06-15', idNumber: '320102199906154561' }),
				member(5, 'P4', { education: '幼儿园' })
			],
			units, new Map(), scope, committee
		);
		expect(valid).toEqual([]);
		expect(errors.map((e) => [e.rowNumber, e.messages])).toEqual([
			[2, ['身份证号校验位不正确，请核对是否输错']],
			[3, ['身份证号中的出生日期（1999-06-15）与出生日期（2000-01-01）不一致']],
			[4, ['身份证号与第 3 行重复']],
			[5, ['学历“幼儿园”无法识别，应为：博士研究生、硕士研究生、大学本科、大学专科、中专、高中、初中及以下']]
		]);
		const branchLevel = validateRoster([member(2, 'P1', { idNumber: '320102200001011238' })], units, new Map(), scope, { ...committee, mayWrite: () => false });
		expect(branchLevel.errors[0].messages).toEqual(['只有党委一级可以导入身份证号，请清空该列或留用导出时打码的号码']);
	});

	it('takes a masked number back as unchanged when it is the one on file, and refuses another masked one', () => {
		const current = new Map([['P1', '320102200001011238']]);
		const ctx = { ...committee, current, mayWrite: () => false };
		const same = validateRoster([member(2, 'P1', { idNumber: '3201**********1238' })], units, new Map([['P1', '/1/3/5/']]), scope, ctx);
		expect(same.errors).toEqual([]);
		expect(same.valid[0].idNumber).toBeUndefined();
		const other = validateRoster([member(2, 'P1', { idNumber: '3201**********9999' })], units, new Map([['P1', '/1/3/5/']]), scope, ctx);
		expect(other.errors[0].messages).toEqual(['身份证号是打码后的形式，与登记的不符；请填写完整的身份证号，或留空不改']);
	});
});

describe('a roster date that is well-formed but not on the calendar', () => {
	it('is said not to exist, not to be in the wrong format', () => {
		const { errors } = validateRoster([{ ...row(2, 'D0001'), birthDate: '2005-13-40' }], units, new Map(), scope);
		expect(errors[0].messages.join('；')).toContain('日期不存在：2005-13-40');
		expect(errors[0].messages.join('；')).not.toContain('格式');
	});
});
