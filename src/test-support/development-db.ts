import type { Kysely } from 'kysely';
import type { Database, OrgKind, PoliticalStatus, Role } from '../lib/server/db/schema';
import type { AuthUser } from '../lib/server/auth/session';
import { insertOrgUnit } from '../lib/server/org/units';
import { testDatabase } from './db';
import { buildHistory, type HistoryOptions } from '../lib/server/development/histories/generate';
import { historyCohorts, writeCertificates, writeHistories, type TrainingCohorts } from '../lib/server/development/histories/store';
import type { TrainingKind } from '../lib/server/development/engine/types';

// Database test support: the demo's shape of school (a college committee and a college under a
// general branch), the people who act in it, and people with generated histories.

export interface School {
	school: { id: number; path: string };
	cs: { id: number; path: string };
	med: { id: number; path: string };
	csBranch: { id: number; path: string };
	medBranch: { id: number; path: string };
	users: Record<'admin' | 'organizer' | 'secretary' | 'secretary2' | 'medOrganizer' | 'league' | 'otherSecretary', AuthUser>;
	members: { id: number; username: string; name: string }[];
	cohorts: TrainingCohorts;
}

let counter = 0;

/** A test file's own database with the seeded school in it (the file closes `t` after its tests). */
export async function seededTestDatabase() {
	const t = await testDatabase();
	return { t, s: await seedSchool(t.db) };
}
export type SeededTest = Awaited<ReturnType<typeof seededTestDatabase>>;

export async function seedSchool(db: Kysely<Database>): Promise<School> {
	const unit = (parentId: number | null, kind: OrgKind, name: string, code: string) => insertOrgUnit(db, { parentId, kind, name, code });
	const school = await unit(null, 'committee', '示范大学党委', 'SCHOOL');
	const cs = await unit(school.id, 'committee', '计算机学院党委', 'CS');
	const med = await unit(school.id, 'general_branch', '医学院党总支', 'MED');
	const csBranch = await unit(cs.id, 'branch', '计算机学院本科生第一党支部', 'CS-UG1');
	const csOther = await unit(cs.id, 'branch', '计算机学院研究生党支部', 'CS-PG');
	const medBranch = await unit(med.id, 'branch', '医学院临床医学本科生党支部', 'MED-UG1');
	const names = { [school.id]: '示范大学党委', [cs.id]: '计算机学院党委', [med.id]: '医学院党总支', [csBranch.id]: 'CS-UG1', [csOther.id]: 'CS-PG', [medBranch.id]: 'MED-UG1' };
	const kinds: Record<number, OrgKind> = { [school.id]: 'committee', [cs.id]: 'committee', [med.id]: 'general_branch', [csBranch.id]: 'branch', [csOther.id]: 'branch', [medBranch.id]: 'branch' };
	const paths: Record<number, string> = { [school.id]: school.path, [cs.id]: cs.path, [med.id]: med.path, [csBranch.id]: csBranch.path, [csOther.id]: csOther.path, [medBranch.id]: medBranch.path };
	const user = async (username: string, role: Role, at: number): Promise<AuthUser> => {
		const { id } = await db
			.insertInto('person')
			.values({ username, name: username, gender: 'male', orgUnitId: at === school.id ? cs.id : at, politicalStatus: 'member', mustChangePassword: false })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db.insertInto('roleAssignment').values({ personId: id, role, orgUnitId: at }).execute();
		return {
			id,
			username,
			name: username,
			orgUnitId: at,
			orgPath: paths[at],
			orgName: names[at],
			politicalStatus: 'member',
			mustChangePassword: false,
			roles: [{ role, orgUnitId: at, orgPath: paths[at], orgName: names[at], orgKind: kinds[at] }]
		};
	};
	const users = {
		admin: await user('t-admin', 'school_admin', school.id),
		organizer: await user('t-organizer', 'organizer', cs.id),
		secretary: await user('t-secretary', 'secretary', csBranch.id),
		secretary2: await user('t-secretary2', 'secretary', medBranch.id),
		medOrganizer: await user('t-med-organizer', 'organizer', med.id),
		league: await user('t-league', 'league', cs.id),
		otherSecretary: await user('t-other-secretary', 'secretary', csOther.id)
	};
	const members = await db
		.insertInto('person')
		.values(['王芳', '李强', '张伟'].map((name, i) => ({ username: `t-member-${i}`, name, gender: 'female' as const, orgUnitId: csBranch.id, politicalStatus: 'member' as const })))
		.returning(['id', 'username', 'name'])
		.execute();
	const cohorts = await historyCohorts(db, school.id, 'T');
	return { school, cs, med, csBranch, medBranch, users, members, cohorts };
}

export interface PersonSpec {
	orgUnitId: number;
	status?: PoliticalStatus;
	birthDate?: string;
	graduationDate?: string | null;
}

export async function insertPerson(db: Kysely<Database>, spec: PersonSpec) {
	const n = ++counter;
	return db
		.insertInto('person')
		.values({
			username: `t-p-${n}-${Math.random().toString(36).slice(2, 7)}`,
			name: `学员${n}`,
			gender: 'male',
			orgUnitId: spec.orgUnitId,
			politicalStatus: spec.status ?? 'league_member',
			birthDate: spec.birthDate ?? '2004-05-01',
			graduationDate: spec.graduationDate === undefined ? '2029-06-30' : spec.graduationDate
		})
		.returning(['id', 'username', 'name'])
		.executeTakeFirstOrThrow();
}

/** A person with a generated history at `options.stage`, mentors and sponsors being the school's members. */
export async function personWithHistory(db: Kysely<Database>, s: School, orgUnitId: number, options: HistoryOptions, spec: Partial<PersonSpec> = {}) {
	const p = await insertPerson(db, { orgUnitId, ...spec });
	const history = buildHistory({ mentors: ['王芳', '李强'], sponsors: ['王芳', '张伟'], ...options });
	await writeHistories(db, [{ personId: p.id, name: p.name, history }], {
		recordedBy: s.users.secretary.id,
		cohorts: s.cohorts,
		issuingBody: '示范大学党委党校',
		serialPrefix: `T${p.id}`,
		supporterIds: new Map(s.members.map((m) => [m.name, m.id]))
	});
	return p;
}

/** A certificate as the party school would hold it after the person finished training. */
export async function giveCertificate(db: Kysely<Database>, s: School, personId: number, kind: TrainingKind, issuedOn: string, validUntil: string | null = null) {
	const certificate = { kind, issuedOn, startsOn: issuedOn, offlineHours: 16, onlineHours: 8, offlineDays: 3 };
	await writeCertificates(db, [{ personId, name: `学员${personId}`, certificate, validUntil }], { cohorts: s.cohorts, issuingBody: '示范大学党委党校', serialPrefix: `T${personId}` });
}
