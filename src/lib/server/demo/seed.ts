import type { Kysely } from 'kysely';
import type { Database, PoliticalStatus, Role } from '../db/schema';
import { insertOrgUnit } from '../org/units';
import { hashPassword } from '../auth/password';
import { appendAudit } from '../audit/log';

export const DEMO_PASSWORD = 'dangxiao-demo';

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾';
const given = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '杰', '娟', '涛', '明', '超', '秀英', '华', '慧', '建国', '晓东', '雨萱', '子涵', '浩然', '思远', '欣怡', '梓轩', '佳琪'];

/** A deterministic name so that the demo looks the same on every machine. */
function demoName(i: number) {
	return surnames[(i * 7) % surnames.length] + given[(i * 11) % given.length];
}

export async function isDemo(db: Kysely<Database>) {
	const row = await db.selectFrom('appSetting').select('value').where('key', '=', 'demo').executeTakeFirst();
	return (row?.value as { enabled?: boolean } | undefined)?.enabled === true;
}

/** Creates the demo school on an empty database; does nothing if any org unit exists. */
export async function seedDemo(db: Kysely<Database>) {
	const hash = await hashPassword(DEMO_PASSWORD);
	return db.transaction().execute(async (trx) => {
		const any = await trx.selectFrom('orgUnit').select('id').limit(1).executeTakeFirst();
		if (any) return false;
		const unit = (parentId: number | null, kind: 'committee' | 'general_branch' | 'branch' | 'unit', name: string, code: string) =>
			insertOrgUnit(trx, { parentId, kind, name, code });

		const school = await unit(null, 'committee', '示范大学党委', 'SCHOOL');
		const office = await unit(school.id, 'unit', '党委组织部（党校）', 'ORG-DEPT');
		const cs = await unit(school.id, 'committee', '计算机学院党委', 'CS');
		const med = await unit(school.id, 'general_branch', '医学院党总支', 'MED');
		const branches = [
			await unit(cs.id, 'branch', '计算机学院本科生第一党支部', 'CS-UG1'),
			await unit(cs.id, 'branch', '计算机学院研究生党支部', 'CS-PG'),
			await unit(med.id, 'branch', '医学院临床医学本科生党支部', 'MED-UG1'),
			await unit(med.id, 'branch', '医学院护理学党支部', 'MED-NUR')
		];
		const colleges = ['计算机学院', '计算机学院', '医学院', '医学院'];

		const accounts: { username: string; name: string; unit: number; status: PoliticalStatus; roles: [Role, number][]; grade?: string }[] = [
			{ username: 'admin', name: '组织部管理员', unit: office.id, status: 'member', roles: [['school_admin', school.id]] },
			{ username: 'organizer', name: '计算机学院组织员', unit: cs.id, status: 'member', roles: [['organizer', cs.id]] },
			{ username: 'secretary', name: '陈书记', unit: branches[0].id, status: 'member', roles: [['secretary', branches[0].id]] },
			{ username: 'secretary2', name: '林书记', unit: branches[2].id, status: 'member', roles: [['secretary', branches[2].id]] },
			{ username: 'instructor', name: '党校授课教师', unit: office.id, status: 'member', roles: [['instructor', school.id]] },
			{ username: 'league', name: '计算机学院团委', unit: cs.id, status: 'member', roles: [['league', cs.id]] },
			{ username: 'activist', name: '张晓明', unit: branches[0].id, status: 'activist', roles: [], grade: '2024' },
			{ username: 'activist2', name: '李雨萱', unit: branches[2].id, status: 'activist', roles: [], grade: '2024' }
		];
		for (const a of accounts) {
			const { id } = await trx
				.insertInto('person')
				.values({
					username: a.username,
					name: a.name,
					gender: a.username.endsWith('2') ? 'female' : 'male',
					orgUnitId: a.unit,
					politicalStatus: a.status,
					grade: a.grade ?? null,
					birthDate: a.grade ? '2005-09-01' : '1985-03-15',
					graduationDate: a.grade ? '2028-06-30' : null,
					passwordHash: hash,
					mustChangePassword: false
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			for (const [role, orgUnitId] of a.roles) await trx.insertInto('roleAssignment').values({ personId: id, role, orgUnitId }).execute();
		}

		// ~40 students spread over the stages of the pipeline.
		const stages: PoliticalStatus[] = ['league_member', 'applicant', 'applicant', 'activist', 'activist', 'candidate', 'probationary', 'member', 'masses', 'league_member'];
		const people = Array.from({ length: 40 }, (_, i) => {
			const b = i % branches.length;
			const grade = String(2022 + (i % 4));
			return {
				username: `2${grade.slice(2)}${String(b + 1).padStart(2, '0')}${String(i + 1).padStart(4, '0')}`,
				name: demoName(i),
				gender: (i % 3 === 0 ? 'female' : 'male') as 'male' | 'female',
				birthDate: `${2000 + (i % 6)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
				orgUnitId: branches[b].id,
				grade,
				classGroup: `${colleges[b].slice(0, 2)}${grade.slice(2)}${(i % 3) + 1}班`,
				politicalStatus: stages[i % stages.length],
				phone: `138${String(10000000 + i * 7919).slice(0, 8)}`,
				graduationDate: `${Number(grade) + 4}-06-30`,
				// A few 民族 and 学历 (the 研究生 branch's are graduates), some left empty, as a real
				// registry is: the annual statistics count those as 未填写.
				ethnicity: i % 9 === 8 ? null : ['汉族', '汉族', '回族', '汉族', '壮族', '汉族', '满族'][i % 7],
				education: i % 11 === 10 ? null : b === 1 ? (['bachelor', 'master', 'doctorate'] as const)[i % 3] : ('bachelor' as const)
			};
		});
		await trx.insertInto('person').values(people).execute();
		await trx.insertInto('appSetting').values({ key: 'demo', value: { enabled: true } }).execute();
		await appendAudit(trx, { actorId: null, action: 'demo.seed', entityType: 'school', entityId: school.id, after: { people: people.length + accounts.length } });
		return true;
	});
}
