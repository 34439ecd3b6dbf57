import type { Kysely } from 'kysely';
import type { Database, PoliticalStatus, Role } from '$lib/server/db/schema';
import type { AuthUser } from '$lib/server/auth/session';
import { insertOrgUnit } from '$lib/server/org/units';
import { testDatabase } from './db';

/** A database of the test file's own with the school below built in it. */
export async function schoolTestDatabase() {
	const t = await testDatabase();
	return { t, school: await buildSchool(t.db) };
}
export type SchoolTest = Awaited<ReturnType<typeof schoolTestDatabase>>;

// A small school for the cohort tests:
//   school ─ cs (committee) ─ csUg1, csPg
//          └ med (general branch) ─ medUg1
//          └ office (unit)
export async function buildSchool(db: Kysely<Database>) {
	const school = await insertOrgUnit(db, { parentId: null, kind: 'committee', name: '示范大学党委', code: 'C-SCHOOL' });
	const office = await insertOrgUnit(db, { parentId: school.id, kind: 'unit', name: '党委组织部', code: 'C-OFFICE' });
	const cs = await insertOrgUnit(db, { parentId: school.id, kind: 'committee', name: '计算机学院党委', code: 'C-CS' });
	const med = await insertOrgUnit(db, { parentId: school.id, kind: 'general_branch', name: '医学院党总支', code: 'C-MED' });
	const csUg1 = await insertOrgUnit(db, { parentId: cs.id, kind: 'branch', name: '计算机本科第一支部', code: 'C-CS-UG1' });
	const csPg = await insertOrgUnit(db, { parentId: cs.id, kind: 'branch', name: '计算机研究生支部', code: 'C-CS-PG' });
	const medUg1 = await insertOrgUnit(db, { parentId: med.id, kind: 'branch', name: '临床医学支部', code: 'C-MED-UG1' });
	const units = { school, office, cs, med, csUg1, csPg, medUg1 };
	const byId = new Map(Object.entries(units).map(([k, u]) => [u.id, { ...u, key: k }]));

	async function person(username: string, name: string, unit: { id: number }, status: PoliticalStatus = 'activist', roles: [Role, { id: number; path: string }][] = []) {
		const { id } = await db
			.insertInto('person')
			.values({ username, name, gender: 'male', orgUnitId: unit.id, politicalStatus: status })
			.returning('id')
			.executeTakeFirstOrThrow();
		for (const [role, at] of roles) await db.insertInto('roleAssignment').values({ personId: id, role, orgUnitId: at.id }).execute();
		const home = byId.get(unit.id)!;
		const user: AuthUser = {
			id,
			username,
			name,
			orgUnitId: unit.id,
			orgPath: home.path,
			orgName: home.key,
			politicalStatus: status,
			mustChangePassword: false,
			roles: roles.map(([role, at]) => ({ role, orgUnitId: at.id, orgPath: at.path, orgName: byId.get(at.id)!.key, orgKind: 'committee' }))
		};
		return user;
	}

	const users = {
		admin: await person('c-admin', '管理员', office, 'member', [['school_admin', school]]),
		organizer: await person('c-organizer', '计算机组织员', cs, 'member', [['organizer', cs]]),
		medOrganizer: await person('c-med-organizer', '医学院组织员', med, 'member', [['organizer', med]]),
		secretary: await person('c-secretary', '陈书记', csUg1, 'member', [['secretary', csUg1]]),
		secretary2: await person('c-secretary2', '林书记', medUg1, 'member', [['secretary', medUg1]]),
		instructor: await person('c-instructor', '授课教师', office, 'member', [['instructor', school]]),
		instructor2: await person('c-instructor2', '另一位教师', office, 'member', [['instructor', school]])
	};
	const learners = {
		a1: await person('C2401001', '张一', csUg1),
		a2: await person('C2401002', '张二', csUg1),
		a3: await person('C2401003', '张三', csUg1, 'applicant'),
		pg1: await person('C2402001', '王研', csPg),
		m1: await person('C2403001', '李医', medUg1),
		m2: await person('C2403002', '周医', medUg1)
	};
	return { units, users, learners };
}

/** A course with published lessons (2 + 2 + 1 optional 学时) and one unpublished draft. */
export async function buildCourse(db: Kysely<Database>, code = 'ACT') {
	const course = await db
		.insertInto('course')
		.values({ code, title: '入党积极分子培训', category: 'activist_training', source: 'content', creditHours: 4 })
		.returning('id')
		.executeTakeFirstOrThrow();
	const lessons: Record<string, number> = {};
	const specs = [
		{ slug: 'one', hours: 2, required: true, published: true },
		{ slug: 'two', hours: 2, required: true, published: true },
		{ slug: 'extra', hours: 1, required: false, published: true },
		{ slug: 'draft', hours: 3, required: true, published: false }
	];
	for (const [i, s] of specs.entries()) {
		const { id } = await db
			.insertInto('lesson')
			.values({ courseId: course.id, slug: s.slug, sortOrder: i + 1, title: `第${i + 1}讲`, creditHours: s.hours, required: s.required })
			.returning('id')
			.executeTakeFirstOrThrow();
		lessons[s.slug] = id;
		if (!s.published) continue;
		const v = await db
			.insertInto('lessonVersion')
			.values({ lessonId: id, version: 1, title: `第${i + 1}讲`, creditHours: s.hours, required: s.required, body: '', html: '', contentHash: s.slug })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db.updateTable('lesson').set({ publishedVersionId: v.id }).where('id', '=', id).execute();
	}
	return { id: course.id, lessons };
}
