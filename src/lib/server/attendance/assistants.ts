import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import type { Db } from '$lib/server/db';
import type { AuthUser } from '../auth/session';
import { can } from '../auth/authz';

export function listAssistants(db: Db, cohortId: number) {
	return db
		.selectFrom('attendanceAssistant as a')
		.innerJoin('person as p', 'p.id', 'a.personId')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.select(['p.id', 'p.name', 'p.username', 'o.name as orgName', 'a.addedAt'])
		.where('a.cohortId', '=', cohortId)
		.orderBy('p.username')
		.execute();
}

// Unknown and out of reach read alike: a 学号 typed here must not tell whose it is.
const OUT_OF_REACH = '未找到该学号/工号，或不在您的管理范围内';

/**
 * Names an active person, found by 学号/工号, as an assistant of the cohort; audited. Only a
 * learner of the cohort (whom its instructors see already) or someone the actor may
 * person.view: otherwise the answer would reveal the name of anyone in the school.
 */
export async function addAssistant(db: Db, actor: AuthUser, cohortId: number, username: string) {
	const actorId = actor.id;
	return transact(db, async (trx) => {
		const person = await trx
			.selectFrom('person as p')
			.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
			.select((eb) => [
				'p.id', 'p.name', 'o.path as orgPath',
				eb.exists(eb.selectFrom('enrollment as e').select('e.personId').whereRef('e.personId', '=', 'p.id').where('e.cohortId', '=', cohortId)).as('enrolled')
			])
			.where('p.username', '=', username)
			.where('p.isActive', '=', true)
			.executeTakeFirst();
		if (!person || !(person.enrolled || can(actor, 'person.view', { orgPath: person.orgPath, personId: person.id }))) return { ok: false as const, message: OUT_OF_REACH };
		const added = await trx
			.insertInto('attendanceAssistant')
			.values({ cohortId, personId: person.id, addedBy: actorId })
			.onConflict((oc) => oc.doNothing())
			.returning('personId')
			.executeTakeFirst();
		if (!added) return { ok: false as const, message: `${person.name} 已是本班考勤助理` };
		await appendAudit(trx, { actorId, action: 'attendance.assistant_add', entityType: 'cohort', entityId: cohortId, after: { personId: person.id } });
		return { ok: true as const, name: person.name };
	});
}

export async function removeAssistant(db: Db, actorId: number, cohortId: number, personId: number) {
	return transact(db, async (trx) => {
		const gone = await trx.deleteFrom('attendanceAssistant').where('cohortId', '=', cohortId).where('personId', '=', personId).executeTakeFirst();
		if (Number(gone.numDeletedRows) === 0) return false;
		await appendAudit(trx, { actorId, action: 'attendance.assistant_remove', entityType: 'cohort', entityId: cohortId, before: { personId } });
		return true;
	});
}

/** Cohorts where the person is a named assistant (for their own pages). */
export function assistedCohorts(db: Db, personId: number) {
	return db
		.selectFrom('attendanceAssistant as a')
		.innerJoin('cohort as c', 'c.id', 'a.cohortId')
		.select(['c.id', 'c.name'])
		.where('a.personId', '=', personId)
		.where('c.status', '=', 'open')
		.orderBy('c.id', 'desc')
		.execute();
}
