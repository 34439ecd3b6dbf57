import { describe, expect, it } from 'vitest';
import { idNumberProblem, maskIdNumber, normaliseEthnicity, partyAge } from './registry';
import { fieldErrors, personInput } from './schema';

describe('身份证号', () => {
	it('accepts numbers whose GB 11643 check character holds, X included', () => {
		expect(idNumberProblem('11010519491231002X')).toBeNull();
		expect(idNumberProblem('320102200001011238')).toBeNull();
	});

	it('names what is wrong in Chinese', () => {
		expect(idNumberProblem('32010220000101123')).toBe('身份证号应为18位，前17位是数字，最后一位是数字或X');
		expect(idNumberProblem('320102200001011239')).toBe('身份证号校验位不正确，请核对是否输错');
		expect(idNumberProblem('320102200002301234')).toBe('身份证号中的出生日期（20000230）不存在');
	});

	it('is masked to the first and last four', () => {
		expect(maskIdNumber('320102200001011238')).toBe('3201**********1238');
	});
});

describe('党龄', () => {
	it('counts whole years from 转正, none before it', () => {
		expect(partyAge('2020-07-01', '2026-06-30')).toBe(5);
		expect(partyAge('2020-07-01', '2026-07-01')).toBe(6);
		expect(partyAge(null, '2026-07-01')).toBeNull();
		expect(partyAge('2027-01-01', '2026-07-01')).toBeNull();
	});
});

describe('the registry fields of a person', () => {
	const base = { username: 'R1', name: '王芳', gender: 'female', birthDate: '1990-05-01', orgUnitId: '3', politicalStatus: 'member' };
	const errors = (v: Record<string, string>) => {
		const r = personInput.safeParse({ ...base, ...v });
		return r.success ? {} : fieldErrors(r.error);
	};

	it('takes 民族 with or without 族, 学历 from the list, and the two dates in order', () => {
		const r = personInput.parse({ ...base, ethnicity: '汉', education: 'master', nativePlace: '江苏南京', joinedOn: '2015-06-20', confirmedOn: '2016-06-20' });
		expect(r).toMatchObject({ ethnicity: '汉族', education: 'master', nativePlace: '江苏南京', joinedOn: '2015-06-20', confirmedOn: '2016-06-20' });
		expect(normaliseEthnicity('维吾尔')).toBe('维吾尔族');
	});

	it('refuses what the party rules exclude, in Chinese', () => {
		expect(errors({ ethnicity: '火星族' }).ethnicity).toBe('民族应为56个民族之一（如“汉族”），或填“其他”');
		expect(errors({ education: 'kindergarten' }).education).toBe('学历不正确');
		expect(errors({ joinedOn: '2015-06-20', confirmedOn: '2016-01-20' }).confirmedOn).toBe('转正日期应在入党日期（2015-06-20）满一年预备期之后');
		expect(errors({ joinedOn: '2007-06-20' }).joinedOn).toBe('入党时应年满十八岁（出生日期 1990-05-01）');
		expect(errors({ politicalStatus: 'probationary', joinedOn: '2025-06-20', confirmedOn: '2026-06-20' }).confirmedOn).toBe('只有中共党员（已转正）填写转正日期');
		expect(errors({ politicalStatus: 'activist', joinedOn: '2025-06-20' }).joinedOn).toBe('只有预备党员和中共党员填写入党日期');
		expect(errors({ joinedOn: '2999-01-01' }).joinedOn).toBe('入党日期不能晚于今天');
	});
});
