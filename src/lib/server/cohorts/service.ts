import type { AuthUser } from '../auth/session';
import { can, scopePaths } from '../auth/authz';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import { courseOptions, instructorOptions, scopeUnitOptions, setInstructors, type CohortStatus } from './repository';
import type { CohortCreateInput, CohortUpdateInput } from './schema';
import type { Db } from '$lib/server/db';

export type FormResult = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

async function checkInstructors(db: Db, ids: number[]) {
	const allowed = new Set((await instructorOptions(db)).map((p) => p.id));
	return ids.every((id) => allowed.has(id)) ? null : '所选人员中有人不是授课教师';
}

function snapshot(c: { name: string; startsOn: string; endsOn: string; requiredHours: number; instructorIds: number[] }) {
	return { name: c.name, startsOn: c.startsOn, endsOn: c.endsOn, requiredHours: c.requiredHours, instructorIds: [...c.instructorIds].sort((a, b) => a - b) };
}

/** Creates a cohort if the course runs and the scope is one the user manages; audited. */
export async function createCohort(db: Db, user: AuthUser, input: CohortCreateInput): Promise<FormResult> {
	const errors: Record<string, string> = {};
	const course = (await courseOptions(db)).find((c) => c.id === input.courseId);
	if (!course) errors.courseId = '所选课程不存在或还没有发布的课时';
	const unit = (await scopeUnitOptions(db, scopePaths(user, 'cohort.manage'))).find((u) => u.id === input.orgUnitId);
	if (!unit || !can(user, 'cohort.manage', { orgPath: unit.path })) errors.orgUnitId = '所选举办单位不在您的管理范围内（应为校党委或您所管理的学院）';
	const instructorError = await checkInstructors(db, input.instructorIds);
	if (instructorError) errors.instructorIds = instructorError;
	if (!course || !unit || Object.keys(errors).length) return { ok: false, errors };

	const requiredHours = input.requiredHours ?? Number(course.creditHours);
	const id = await transact(db, async (trx) => {
		const { id } = await trx
			.insertInto('cohort')
			.values({ courseId: course.id, name: input.name, orgUnitId: unit.id, startsOn: input.startsOn, endsOn: input.endsOn, requiredHours, createdBy: user.id })
			.returning('id')
			.executeTakeFirstOrThrow();
		await setInstructors(trx, id, input.instructorIds);
		await appendAudit(trx, {
			actorId: user.id,
			action: 'cohort.create',
			entityType: 'cohort',
			entityId: id,
			after: { courseCode: course.code, orgUnitId: unit.id, ...snapshot({ ...input, requiredHours }) }
		});
		return id;
	});
	return { ok: true, id };
}

/** Edits name, dates, hours and instructors; writes (and audits) only when something changed. */
export async function updateCohort(db: Db, actorId: number, cohortId: number, input: CohortUpdateInput, courseHours: number) {
	const instructorError = await checkInstructors(db, input.instructorIds);
	if (instructorError) return { ok: false as const, errors: { instructorIds: instructorError } };
	return transact(db, async (trx) => {
		const current = await trx.selectFrom('cohort').selectAll().where('id', '=', cohortId).forUpdate().executeTakeFirstOrThrow();
		const teachers = await trx.selectFrom('cohortInstructor').select('personId').where('cohortId', '=', cohortId).execute();
		const before = snapshot({ ...current, requiredHours: Number(current.requiredHours), instructorIds: teachers.map((t) => t.personId) });
		const after = snapshot({ ...input, requiredHours: input.requiredHours ?? courseHours, instructorIds: [...new Set(input.instructorIds)] });
		if (JSON.stringify(before) === JSON.stringify(after)) return { ok: true as const, changed: false };
		const { instructorIds, ...fields } = after;
		await trx.updateTable('cohort').set(fields).where('id', '=', cohortId).execute();
		await setInstructors(trx, cohortId, instructorIds);
		await appendAudit(trx, { actorId, action: 'cohort.update', entityType: 'cohort', entityId: cohortId, before, after });
		return { ok: true as const, changed: true };
	});
}

export async function setCohortStatus(db: Db, actorId: number, cohortId: number, status: CohortStatus) {
	return transact(db, async (trx) => {
		const updated = await trx.updateTable('cohort').set({ status }).where('id', '=', cohortId).where('status', '!=', status).executeTakeFirst();
		if (Number(updated.numUpdatedRows) === 0) return false;
		await appendAudit(trx, {
			actorId,
			action: status === 'closed' ? 'cohort.close' : 'cohort.reopen',
			entityType: 'cohort',
			entityId: cohortId,
			after: { status }
		});
		return true;
	});
}
