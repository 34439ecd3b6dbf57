import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { hashPassword } from '../../auth/password';
import { appendAudit } from '../../audit/log';
import { addDays, todayInShanghai } from '../engine/dates';
import { buildHistory, type HistoryOptions } from './generate';
import { historyCohorts, writeHistories, type HistoryTarget } from './store';
import { developmentStages, type DevelopmentStage } from '../tables';

// Demo histories for the people the demo seed created, consistent with their 政治面貌 and dated
// from today, so the board and the deadline lists show real content; plus a few accounts of our
// own that tests/development.spec.ts acts on (one per Playwright project), which no other demo
// seed touches: they have passwords, and the other seeds pick students without one.

export const demoDevelopmentAccounts = {
	/** Ready for 确定为发展对象 but for the activist-training certificate and the branch's decision. */
	untrainedActivists: [
		{ username: '222019901', name: '赵思远', branch: 'CS-UG1' },
		{ username: '222019902', name: '钱雨萱', branch: 'CS-UG1' }
	],
	/** 计算机学院研究生党支部: ready for the 计算机学院党委 to approve. */
	candidatesForCommittee: [
		{ username: '223029901', name: '孙浩然', branch: 'CS-PG' },
		{ username: '223029902', name: '周欣怡', branch: 'CS-PG' }
	],
	/** 医学院护理学党支部, under a 党总支: only the school committee may approve. */
	candidatesUnderGeneralBranch: [
		{ username: '225049901', name: '吴梓轩', branch: 'MED-NUR' },
		{ username: '225049902', name: '郑佳琪', branch: 'MED-NUR' }
	],
	/** 计算机学院本科生第一党支部 (the secretary's): pre-review passed and 志愿书 issued, the branch meeting still to hold. */
	candidatesAwaitingMeeting: [
		{ username: '225019901', name: '冯子墨', branch: 'CS-UG1' },
		{ username: '225019902', name: '蒋思琪', branch: 'CS-UG1' }
	],
	/** An organizer of 医学院党总支, to show that a general branch cannot approve. */
	generalBranchOrganizer: { username: 'organizer2', name: '医学院党总支组织员', unit: 'MED' }
};

/** The catch-up class the untrained activists are enrolled in: no completion requirement, so a certificate can be issued at once. */
export const DEMO_CATCH_UP_COHORT = '入党积极分子培训班（补训）';

const offsets: Record<DevelopmentStage, number[]> = {
	applicant: [20, 45, 75, 130, 200],
	activist: [120, 200, 300, 420, 520],
	candidate: [40, 90, 150],
	probationary: [60, 200, 330, 380],
	member: [100, 400, 800]
};

type Trx = Transaction<Database>;

async function unitId(trx: Trx, code: string) {
	return (await trx.selectFrom('orgUnit').select('id').where('code', '=', code).executeTakeFirst())?.id;
}

/** The accounts above, created once (they are ordinary students of the demo school). */
async function createAccounts(trx: Trx, hash: string) {
	const a = demoDevelopmentAccounts;
	const students = [
		...a.untrainedActivists.map((s) => ({ ...s, status: 'activist' as const })),
		...a.candidatesForCommittee.map((s) => ({ ...s, status: 'candidate' as const })),
		...a.candidatesUnderGeneralBranch.map((s) => ({ ...s, status: 'candidate' as const })),
		...a.candidatesAwaitingMeeting.map((s) => ({ ...s, status: 'candidate' as const }))
	];
	for (const s of students) {
		const orgUnitId = await unitId(trx, s.branch);
		if (!orgUnitId) continue;
		await trx
			.insertInto('person')
			.values({
				username: s.username, name: s.name, gender: s.name.endsWith('萱') || s.name.endsWith('怡') || s.name.endsWith('琪') ? 'female' : 'male', orgUnitId,
				grade: `20${s.username.slice(1, 3)}`, birthDate: '2004-03-18', graduationDate: `20${Number(s.username.slice(1, 3)) + 4}-06-30`,
				politicalStatus: s.status, passwordHash: hash, mustChangePassword: false
			})
			.onConflict((oc) => oc.column('username').doNothing())
			.execute();
	}
	const med = await unitId(trx, a.generalBranchOrganizer.unit);
	if (med && !(await trx.selectFrom('person').select('id').where('username', '=', a.generalBranchOrganizer.username).executeTakeFirst())) {
		const { id } = await trx
			.insertInto('person')
			.values({ username: a.generalBranchOrganizer.username, name: a.generalBranchOrganizer.name, gender: 'female', orgUnitId: med, politicalStatus: 'member', birthDate: '1986-04-20', passwordHash: hash, mustChangePassword: false })
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx.insertInto('roleAssignment').values({ personId: id, role: 'organizer', orgUnitId: med }).execute();
	}
}

/** An open catch-up class of the activist course with no completion requirement, the untrained activists enrolled. */
async function catchUpCohort(trx: Trx, schoolId: number, today: string) {
	const course = await trx.selectFrom('course').select('id').where('category', '=', 'activist_training').orderBy('id').executeTakeFirst();
	if (!course) return;
	const admin = await trx.selectFrom('person').select('id').where('username', '=', 'admin').executeTakeFirst();
	const { id: cohortId } = await trx
		.insertInto('cohort')
		.values({ courseId: course.id, name: DEMO_CATCH_UP_COHORT, orgUnitId: schoolId, startsOn: addDays(today, -14), endsOn: addDays(today, 30), requiredHours: 0, createdBy: admin?.id ?? null })
		.returning('id')
		.executeTakeFirstOrThrow();
	await trx.insertInto('completionRule').values({ cohortId, requireLessons: false, updatedBy: admin?.id ?? null }).execute();
	const learners = await trx.selectFrom('person').select('id').where('username', 'in', demoDevelopmentAccounts.untrainedActivists.map((s) => s.username)).execute();
	if (learners.length) await trx.insertInto('enrollment').values(learners.map((p) => ({ cohortId, personId: p.id, enrolledBy: admin?.id ?? null }))).execute();
}

export async function seedDemoDevelopment(db: Kysely<Database>, options: { password?: string; origin?: string } = {}) {
	const any = await db.selectFrom('developmentRecord').select('personId').limit(1).executeTakeFirst();
	if (any) return false;
	const today = todayInShanghai();
	const hash = await hashPassword(options.password ?? 'dangxiao-demo');
	return db.transaction().execute(async (trx) => {
		const school = await trx.selectFrom('orgUnit').select(['id', 'name']).where('parentId', 'is', null).orderBy('id').executeTakeFirst();
		if (!school) return false;
		await createAccounts(trx, hash);
		const cohorts = await historyCohorts(trx, school.id, 'DEMO');
		await catchUpCohort(trx, school.id, today);
		const people = await trx
			.selectFrom('person as p')
			.select(['p.id', 'p.username', 'p.name', 'p.orgUnitId', 'p.politicalStatus'])
			.where('p.politicalStatus', 'in', developmentStages)
			.where((eb) => eb.not(eb.exists(eb.selectFrom('roleAssignment as r').select('r.id').whereRef('r.personId', '=', 'p.id'))))
			.orderBy('p.id')
			.execute();
		// Mentors and sponsors: the branch's secretary and the full members among the students.
		const secretaries = await trx
			.selectFrom('roleAssignment as r')
			.innerJoin('person as p', 'p.id', 'r.personId')
			.select(['r.orgUnitId', 'p.id', 'p.name'])
			.where('r.role', '=', 'secretary')
			.execute();
		const members = people.filter((p) => p.politicalStatus === 'member');
		const supporterIds = new Map<string, number>([...secretaries, ...members].map((p) => [p.name, p.id]));
		const a = demoDevelopmentAccounts;
		const untrained = new Set(a.untrainedActivists.map((s) => s.username));
		const forApproval = new Set([...a.candidatesForCommittee, ...a.candidatesUnderGeneralBranch].map((s) => s.username));
		const awaitingMeeting = new Set(a.candidatesAwaitingMeeting.map((s) => s.username));
		const seen: Record<string, number> = {};
		const targets: HistoryTarget[] = people.map((p) => {
			const stage = p.politicalStatus as DevelopmentStage;
			const k = (seen[stage] = (seen[stage] ?? -1) + 1);
			const secretary = secretaries.find((x) => x.orgUnitId === p.orgUnitId);
			const others = members.filter((m) => m.id !== p.id).sort((x, y) => Number(y.orgUnitId === p.orgUnitId) - Number(x.orgUnitId === p.orgUnitId));
			const helpers = [...new Set([secretary?.name, ...others.map((m) => m.name)].filter((x): x is string => !!x))].slice(0, 2);
			const options: HistoryOptions = { stage, since: addDays(today, -offsets[stage][k % offsets[stage].length]), today, gaps: k % 2 === 1 ? 1 : undefined, mentors: helpers, sponsors: helpers };
			if (untrained.has(p.username)) Object.assign(options, { since: addDays(today, -400), withoutActivistCertificate: true, undecided: true, gaps: undefined });
			if (forApproval.has(p.username)) Object.assign(options, { since: addDays(today, -130), gaps: undefined });
			// Their meeting falls 110 days after becoming candidates: 5 days from now, so not yet on record.
			if (awaitingMeeting.has(p.username)) Object.assign(options, { since: addDays(today, -105), gaps: undefined });
			// The demo's own learners are in training now: their year is not up yet.
			if (p.username === 'activist' || p.username === 'activist2') Object.assign(options, { since: addDays(today, -200), withoutActivistCertificate: true, gaps: undefined });
			return { personId: p.id, name: p.name, history: buildHistory(options), recordedBy: secretary?.id ?? null };
		});
		const written = await writeHistories(trx, targets, {
			recordedBy: null,
			cohorts,
			issuingBody: `${school.name}党校`,
			serialPrefix: 'DEMO',
			supporterIds,
			origin: options.origin,
			pdf: 'render'
		});
		await appendAudit(trx, { actorId: null, action: 'demo.seed_development', entityType: 'school', entityId: school.id, after: written });
		return true;
	});
}
