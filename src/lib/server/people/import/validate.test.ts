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
	graduationDate: ''
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
