import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import type { PersonInput } from '$lib/people/schema';
import { insertOrgUnit } from '../org/units';
import { createPerson, searchPeople, updatePerson } from './repository';

let t: OpenDatabase;
const units: Record<'school' | 'cs' | 'csUg' | 'csPg' | 'med' | 'medUg', { id: number; path: string }> = {} as never;

function input(username: string, name: string, orgUnitId: number, extra: Partial<PersonInput> = {}): PersonInput {
	return {
		username,
		name,
		gender: 'female',
		birthDate: '2004-05-06',
		orgUnitId,
		grade: '2023',
		classGroup: '计科231班',
		politicalStatus: 'applicant',
		phone: '13800000000',
		graduationDate: '2027-06-30',
		ethnicity: null,
		nativePlace: null,
		education: null,
		joinedOn: null,
		confirmedOn: null,
		...extra
	};
}

beforeAll(async () => {
	t = await testDatabase();
	units.school = await insertOrgUnit(t.db, { parentId: null, kind: 'committee', name: '示范大学党委', code: 'R-SCHOOL' });
	units.cs = await insertOrgUnit(t.db, { parentId: units.school.id, kind: 'committee', name: '计算机学院党委', code: 'R-CS' });
	units.csUg = await insertOrgUnit(t.db, { parentId: units.cs.id, kind: 'branch', name: '计算机本科支部', code: 'R-CS-UG' });
	units.csPg = await insertOrgUnit(t.db, { parentId: units.cs.id, kind: 'branch', name: '计算机研究生支部', code: 'R-CS-PG' });
	units.med = await insertOrgUnit(t.db, { parentId: units.school.id, kind: 'general_branch', name: '医学院党总支', code: 'R-MED' });
	units.medUg = await insertOrgUnit(t.db, { parentId: units.med.id, kind: 'branch', name: '医学本科支部', code: 'R-MED-UG' });

	await t.db.transaction().execute(async (trx) => {
		// 25 in the CS undergraduate branch, 3 graduates, 2 in medicine.
		for (let i = 1; i <= 25; i++) {
			const status = i <= 5 ? 'activist' : 'applicant';
			await createPerson(trx, null, input(`2301${String(i).padStart(4, '0')}`, `本科生${i}号`, units.csUg.id, { politicalStatus: status }));
		}
		await createPerson(trx, null, input('G0001', '王研究', units.csPg.id));
		await createPerson(trx, null, input('G0002', '李研究', units.csPg.id));
		await createPerson(trx, null, input('G_003', '赵100%', units.csPg.id));
		await createPerson(trx, null, input('M0001', '王医生', units.medUg.id));
		await createPerson(trx, null, input('M0002', '周护理', units.medUg.id));
	});
});
afterAll(() => t.close());

const search = (q: Partial<Parameters<typeof searchPeople>[1]> & { paths: string[] }) =>
	searchPeople(t.db, { page: 1, pageSize: 100, ...q });

describe('searchPeople', () => {
	it('returns only people inside the given subtrees', async () => {
		expect((await search({ paths: [units.csPg.path] })).rows.map((r) => r.username).sort()).toEqual(['G0001', 'G0002', 'G_003']);
		expect((await search({ paths: [units.med.path] })).rows.map((r) => r.username)).toEqual(['M0001', 'M0002']);
		expect((await search({ paths: [units.cs.path] })).total).toBe(28);
		expect((await search({ paths: [units.csPg.path, units.medUg.path] })).total).toBe(5);
		expect(await search({ paths: [] })).toEqual({ rows: [], total: 0 });
	});

	it('matches part of a name or of a 学号/工号', async () => {
		const byName = await search({ paths: [units.school.path], q: '王' });
		expect(byName.rows.map((r) => r.name).sort()).toEqual(['王医生', '王研究']);
		const byUsername = await search({ paths: [units.school.path], q: '0002' });
		expect(byUsername.rows.map((r) => r.username)).toEqual(['23010002', 'G0002', 'M0002']);
		// The query only narrows the scope; it never widens it.
		const scoped = await search({ paths: [units.csPg.path], q: '王' });
		expect(scoped.rows.map((r) => r.name)).toEqual(['王研究']);
	});

	it('treats LIKE wildcards in the query as plain characters', async () => {
		expect((await search({ paths: [units.school.path], q: '_' })).rows.map((r) => r.username)).toEqual(['G_003']);
		expect((await search({ paths: [units.school.path], q: '%' })).rows.map((r) => r.name)).toEqual(['赵100%']);
	});

	it('pages through results with the full total on every page', async () => {
		const first = await search({ paths: [units.csUg.path], page: 1, pageSize: 10 });
		const third = await search({ paths: [units.csUg.path], page: 3, pageSize: 10 });
		const beyond = await search({ paths: [units.csUg.path], page: 4, pageSize: 10 });
		expect(first.total).toBe(25);
		expect(typeof first.total).toBe('number');
		expect(first.rows).toHaveLength(10);
		expect(first.rows[0].username).toBe('23010001');
		expect(third.total).toBe(25);
		expect(third.rows.map((r) => r.username)).toEqual(['23010021', '23010022', '23010023', '23010024', '23010025']);
		expect(beyond).toEqual({ rows: [], total: 25 });
	});

	it('filters by unit and status, and counts only what matches', async () => {
		const activists = await search({ paths: [units.school.path], status: 'activist', pageSize: 2 });
		expect(activists.total).toBe(5);
		expect(activists.rows).toHaveLength(2);
		const underPg = await search({ paths: [units.cs.path], underPath: units.csPg.path });
		expect(underPg.total).toBe(3);
		// A filter outside the scope yields nothing rather than leaking.
		expect((await search({ paths: [units.csUg.path], underPath: units.medUg.path })).total).toBe(0);
	});
});

describe('updatePerson', () => {
	async function auditFor(id: number) {
		return t.db
			.selectFrom('auditLog')
			.select(['action', 'actorId', 'before', 'after'])
			.where('entityType', '=', 'person')
			.where('entityId', '=', String(id))
			.orderBy('id')
			.execute();
	}

	it('writes one audit entry holding only the changed fields', async () => {
		const original = input('U0001', '待修改', units.csUg.id);
		const id = await t.db.transaction().execute((trx) => createPerson(trx, null, original));
		const changed = { ...original, name: '已修改', phone: null, orgUnitId: units.csPg.id };

		expect(await t.db.transaction().execute((trx) => updatePerson(trx, null, id, changed))).toBe(true);

		const entries = await auditFor(id);
		expect(entries.map((e) => e.action)).toEqual(['person.create', 'person.update']);
		expect(entries[1].before).toEqual({ name: '待修改', phone: '13800000000', orgUnitId: units.csUg.id });
		expect(entries[1].after).toEqual({ name: '已修改', phone: null, orgUnitId: units.csPg.id });
		const row = await t.db.selectFrom('person').select(['name', 'phone', 'orgUnitId', 'birthDate']).where('id', '=', id).executeTakeFirstOrThrow();
		expect(row).toEqual({ name: '已修改', phone: null, orgUnitId: units.csPg.id, birthDate: '2004-05-06' });
	});

	it('writes nothing when nothing changed', async () => {
		const original = input('U0002', '不变', units.csUg.id);
		const id = await t.db.transaction().execute((trx) => createPerson(trx, null, original));
		const before = await t.db.selectFrom('person').select('updatedAt').where('id', '=', id).executeTakeFirstOrThrow();

		expect(await t.db.transaction().execute((trx) => updatePerson(trx, null, id, { ...original }))).toBe(false);

		expect((await auditFor(id)).map((e) => e.action)).toEqual(['person.create']);
		const after = await t.db.selectFrom('person').select('updatedAt').where('id', '=', id).executeTakeFirstOrThrow();
		expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
	});
});
