import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { transact } from '../db/transact';
import { seededTestDatabase, type SeededTest } from '../../../test-support/development-db';
import type { AuthUser } from '../auth/session';
import { idNumberField, idNumberFor, setIdNumber } from './identity';
import { exportPeople } from './export';
import { rosterWorkbook } from './import/workbook';
import { importRosterOnce } from './import/form';

// 身份证号 is seen whole at committee level only: a branch secretary, the League and an
// organizer of a general branch see it masked on the page, in the export and in the audit log.

const whole = '320102200001011238';
const masked = '3201**********1238';
let { t, s } = {} as SeededTest;
let person: { id: number; orgPath: string };

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
	const p = await t.db
		.insertInto('person')
		.values({ username: 'id-1', name: '周敏', gender: 'male', birthDate: '2000-01-01', orgUnitId: s.csBranch.id, politicalStatus: 'member' })
		.returning('id')
		.executeTakeFirstOrThrow();
	person = { id: p.id, orgPath: s.csBranch.path };
});
afterAll(() => t.close());

const stored = async (id: number) => (await t.db.selectFrom('personIdentity').select('idNumber').where('personId', '=', id).executeTakeFirst())?.idNumber ?? null;

describe('the 身份证号 field', () => {
	it('normalises spaces and x, and explains a wrong number in Chinese', () => {
		expect(idNumberField.parse(' 11010519491231002x ')).toBe('11010519491231002X');
		expect(idNumberField.parse('')).toBeNull();
		const r = idNumberField.safeParse('320102200001011230');
		expect(r.success ? null : r.error.issues[0].message).toBe('身份证号校验位不正确，请核对是否输错');
	});
});

describe('who sees and sets the 身份证号', () => {
	it('lets a committee-level organizer set it, and audits only the masked number', async () => {
		expect(await transact(t.db, (trx) => setIdNumber(trx, s.users.organizer, person, whole))).toEqual({ ok: true, changed: true });
		expect(await transact(t.db, (trx) => setIdNumber(trx, s.users.organizer, person, whole))).toEqual({ ok: true, changed: false });
		const audit = await t.db.selectFrom('auditLog').select(['before', 'after']).where('action', '=', 'person.id_number').where('entityId', '=', String(person.id)).execute();
		expect(audit).toEqual([{ before: { idNumber: null }, after: { idNumber: masked } }]);
		expect(JSON.stringify(await t.db.selectFrom('auditLog').select(['before', 'after']).execute())).not.toContain(whole);
	});

	it('shows it whole to the committee and masked to a branch secretary, the League and a general branch', async () => {
		expect(await idNumberFor(t.db, s.users.organizer, person)).toEqual({ value: whole, masked: false });
		expect(await idNumberFor(t.db, s.users.admin, person)).toEqual({ value: whole, masked: false });
		for (const user of [s.users.secretary, s.users.league]) expect(await idNumberFor(t.db, user, person)).toEqual({ value: masked, masked: true });
		const self: AuthUser = { ...s.users.secretary, id: person.id, roles: [] };
		expect(await idNumberFor(t.db, self, person)).toEqual({ value: masked, masked: true });
	});

	it('refuses a branch secretary and a general branch organizer changing it, writing nothing', async () => {
		const other = '440304200103017893';
		expect(await transact(t.db, (trx) => setIdNumber(trx, s.users.secretary, person, other))).toEqual({ ok: false, status: 403, message: '您无权查看或修改身份证号' });
		const med = await t.db.insertInto('person').values({ username: 'id-med', name: '吴医', gender: 'male', orgUnitId: s.medBranch.id }).returning('id').executeTakeFirstOrThrow();
		expect(await transact(t.db, (trx) => setIdNumber(trx, s.users.medOrganizer, { id: med.id, orgPath: s.medBranch.path }, other))).toMatchObject({ ok: false, status: 403 });
		expect(await stored(person.id)).toBe(whole);
		expect(await stored(med.id)).toBeNull();
	});

	it('refuses a number already on file for someone else', async () => {
		const p = await t.db.insertInto('person').values({ username: 'id-2', name: '郑强', gender: 'male', orgUnitId: s.csBranch.id }).returning('id').executeTakeFirstOrThrow();
		expect(await transact(t.db, (trx) => setIdNumber(trx, s.users.organizer, { id: p.id, orgPath: s.csBranch.path }, whole))).toEqual({
			ok: false,
			status: 400,
			message: '该身份证号已登记在其他人员名下，请核对'
		});
	});
});

describe('the roster export', () => {
	it('masks the 身份证号 for a branch secretary and gives it whole to the committee', async () => {
		const rows = async (user: AuthUser) =>
			(await exportPeople(t.db, user, { paths: [s.csBranch.path] })).filter((r) => r.username === 'id-1').map((r) => r.idNumber);
		expect(await rows(s.users.secretary)).toEqual([masked]);
		expect(await rows(s.users.organizer)).toEqual([whole]);
	});
});

async function sheet(rows: Record<string, string>[]) {
	const base = { orgCode: 'CS-UG1', gender: 'male', birthDate: null, grade: null, classGroup: null, politicalStatus: 'member', phone: null, graduationDate: null };
	const bytes = await rosterWorkbook(
		rows.map((r) => ({ ethnicity: null, nativePlace: null, education: null, idNumber: null, joinedOn: null, confirmedOn: null, ...base, ...r }) as never),
		'2026-11-20'
	);
	return new File([bytes as BlobPart], 'roster.xlsx');
}
const importAs = (user: AuthUser, file: File) => importRosterOnce(t.db, { ...user, paths: user.roles.map((r) => r.orgPath) }, new FormData(), file);

describe('the roster import', () => {
	it('writes the registry columns and a 身份证号 at committee level, and takes a masked export back as unchanged', async () => {
		const file = await sheet([{ username: 'imp-1', name: '冯芳', birthDate: '1999-06-15', ethnicity: '汉族', education: 'bachelor', idNumber: '320102199906154561', joinedOn: '2019-06-01', confirmedOn: '2020-06-01' }]);
		expect(await importAs(s.users.organizer, file)).toMatchObject({ summary: { created: 1 } });
		const p = await t.db.selectFrom('person').select(['id', 'ethnicity', 'education', 'joinedOn', 'confirmedOn']).where('username', '=', 'imp-1').executeTakeFirstOrThrow();
		expect(p).toMatchObject({ ethnicity: '汉族', education: 'bachelor', joinedOn: '2019-06-01', confirmedOn: '2020-06-01' });
		expect(await stored(p.id)).toBe('320102199906154561');

		// The secretary's export carries the masked number; 党龄 is the last column.
		const exported = await rosterWorkbook((await exportPeople(t.db, s.users.secretary, { paths: [s.csBranch.path] })).filter((r) => r.username === 'imp-1'), '2026-11-20');
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(exported as never);
		const header = (book.worksheets[0].getRow(1).values as string[]).slice(1);
		const values = (book.worksheets[0].getRow(2).values as unknown[]).slice(1);
		expect(values[header.indexOf('身份证号')]).toBe('3201**********4561');
		expect(values[header.indexOf('党龄')]).toBe(6);
		expect(await importAs(s.users.organizer, new File([exported as BlobPart], 'back.xlsx'))).toMatchObject({ summary: { created: 0, updated: 0, unchanged: 1 } });
		expect(await stored(p.id)).toBe('320102199906154561');
	});

	it('leaves the registry fields alone when the file has no such columns (a sheet from before they existed)', async () => {
		const p = await t.db.selectFrom('person').select('id').where('username', '=', 'imp-1').executeTakeFirstOrThrow();
		const book = new ExcelJS.Workbook();
		const old = book.addWorksheet('名册');
		old.addRow(['学号/工号', '姓名', '性别', '出生日期', '所属组织', '政治面貌']);
		old.addRow(['imp-1', '冯芳', '男', '1999-06-15', 'CS-UG1', '中共党员']);
		const file = new File([(await book.xlsx.writeBuffer()) as BlobPart], 'old.xlsx');
		expect(await importAs(s.users.organizer, file)).toMatchObject({ summary: { updated: 0, unchanged: 1 } });
		const after = await t.db.selectFrom('person').select(['ethnicity', 'education', 'joinedOn', 'confirmedOn']).where('id', '=', p.id).executeTakeFirstOrThrow();
		expect(after).toEqual({ ethnicity: '汉族', education: 'bachelor', joinedOn: '2019-06-01', confirmedOn: '2020-06-01' });
	});

	it('refuses the whole file when a general branch organizer imports a 身份证号, naming the row', async () => {
		const med = await sheet([
			{ username: 'imp-m1', name: '陈一', orgCode: 'MED-UG1' },
			{ username: 'imp-m2', name: '陈二', orgCode: 'MED-UG1', idNumber: '440304200103017893' }
		]);
		const r = await importAs(s.users.medOrganizer, med);
		expect(r).toMatchObject({ status: 400, data: { errors: [{ rowNumber: 3, messages: ['只有党委一级可以导入身份证号，请清空该列或留用导出时打码的号码'] }] } });
		expect(await t.db.selectFrom('person').select('id').where('username', 'in', ['imp-m1', 'imp-m2']).execute()).toEqual([]);
	});
});
