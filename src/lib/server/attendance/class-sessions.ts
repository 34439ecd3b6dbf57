import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import type { ClassSessionInput } from './schema';
import { shanghaiRange } from '$lib/time/shanghai';
import { sessionClosesAt } from './rules';
import { assists, teaches } from './relations';
import type { Db } from '$lib/server/db';

/** A cohort as the session pages need it, with the user's relation to it. */
export function cohortForClassSessions(db: Db, cohortId: number, userId: number) {
	return db
		.selectFrom('cohort as c')
		.innerJoin('orgUnit as o', 'o.id', 'c.orgUnitId')
		.select(['c.id', 'c.name', 'c.status', 'c.startsOn', 'c.endsOn', 'o.path as orgPath', teaches(userId).as('teaches'), assists(userId).as('assists')])
		.where('c.id', '=', cohortId)
		.executeTakeFirst();
}

export function getClassSession(db: Db, id: number, userId: number) {
	return db
		.selectFrom('session as s')
		.innerJoin('cohort as c', 'c.id', 's.cohortId')
		.innerJoin('orgUnit as o', 'o.id', 'c.orgUnitId')
		.leftJoin('person as i', 'i.id', 's.instructorId')
		.selectAll('s')
		.select(['c.name as cohortName', 'c.status as cohortStatus', 'o.path as orgPath', 'i.name as instructorName', teaches(userId).as('teaches'), assists(userId).as('assists')])
		.where('s.id', '=', id)
		.executeTakeFirst();
}

export type ClassSessionDetail = NonNullable<Awaited<ReturnType<typeof getClassSession>>>;

function columns(input: ClassSessionInput) {
	return {
		title: input.title,
		kind: input.kind,
		startsAt: input.startsAt,
		endsAt: input.endsAt,
		place: input.place,
		instructorId: input.instructorId,
		creditHours: input.creditHours,
		checkoutRequired: input.checkoutRequired,
		checkinOpensMin: input.checkinOpensMin,
		lateAfterMin: input.lateAfterMin,
		checkinClosesMin: input.checkinClosesMin,
		codeSeconds: input.codeSeconds,
		allowedNetworks: input.allowedNetworks,
		locationLat: input.locationLat,
		locationLng: input.locationLng,
		locationRadiusM: input.locationRadiusM,
		checkinEnforced: input.checkinEnforced
	};
}

const WEEK_MS = 7 * 24 * 3600_000;

/**
 * One session, or a weekly series of `weeks` sessions at the same Shanghai wall-clock time
 * (a fixed UTC+8 offset, so adding whole weeks in UTC keeps the local time). Audited once.
 */
export async function createClassSessions(db: Db, actorId: number, cohortId: number, input: ClassSessionInput, weeks = 1) {
	const seriesId = weeks > 1 ? randomUUID() : null;
	const rows = Array.from({ length: weeks }, (_, i) => ({
		...columns(input),
		startsAt: new Date(input.startsAt.getTime() + i * WEEK_MS),
		endsAt: new Date(input.endsAt.getTime() + i * WEEK_MS),
		cohortId,
		seriesId,
		createdBy: actorId
	}));
	return transact(db, async (trx) => {
		const created = await trx.insertInto('session').values(rows).returning('id').execute();
		await appendAudit(trx, {
			actorId,
			action: 'session.create',
			entityType: 'cohort',
			entityId: cohortId,
			after: { ids: created.map((r) => r.id), seriesId, title: input.title, kind: input.kind, first: rows[0].startsAt.toISOString(), weeks }
		});
		return created.map((r) => r.id);
	});
}

function snapshot(s: ReturnType<typeof columns>) {
	return { ...s, startsAt: new Date(s.startsAt).toISOString(), endsAt: new Date(s.endsAt).toISOString(), creditHours: Number(s.creditHours) };
}

/**
 * Edits a session. A change of time or place leaves a notice for the enrolled learners (the
 * given text, or one written from the change). A closed session moved into the future opens
 * again: its automatic absences go.
 */
export async function updateClassSession(db: Db, actorId: number, id: number, input: ClassSessionInput, notice: string, now = new Date()) {
	return transact(db, async (trx) => {
		const current = await trx.selectFrom('session').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
		const before = snapshot(current);
		const after = snapshot(columns(input));
		if (JSON.stringify(before) === JSON.stringify(after) && !notice) return false;
		const moved = before.startsAt !== after.startsAt || before.endsAt !== after.endsAt || before.place !== after.place;
		const text = notice || (moved ? `时间或地点已调整：原 ${shanghaiRange(current.startsAt, current.endsAt)}${current.place ? ` @ ${current.place}` : ''}，现 ${shanghaiRange(input.startsAt, input.endsAt)}${input.place ? ` @ ${input.place}` : ''}` : '');
		const reopen = current.closedAt !== null && sessionClosesAt(input) > now;
		await trx
			.updateTable('session')
			.set({ ...columns(input), updatedAt: now, ...(text ? { notice: text, noticeAt: now } : {}), ...(reopen ? { closedAt: null } : {}) })
			.where('id', '=', id)
			.execute();
		if (reopen) await trx.deleteFrom('attendance').where('sessionId', '=', id).where('source', '=', 'auto').execute();
		await appendAudit(trx, { actorId, action: 'session.update', entityType: 'session', entityId: id, before, after: { ...after, notice: text || null } });
		return true;
	});
}

export async function cancelClassSession(db: Db, actorId: number, id: number, notice: string, now = new Date()) {
	return transact(db, async (trx) => {
		const text = notice || '本次课程已取消';
		const done = await trx
			.updateTable('session')
			.set({ status: 'cancelled', notice: text, noticeAt: now, updatedAt: now })
			.where('id', '=', id)
			.where('status', '=', 'scheduled')
			.executeTakeFirst();
		if (Number(done.numUpdatedRows) === 0) return false;
		await appendAudit(trx, { actorId, action: 'session.cancel', entityType: 'session', entityId: id, after: { status: 'cancelled', notice: text } });
		return true;
	});
}

export async function restoreClassSession(db: Db, actorId: number, id: number, now = new Date()) {
	return transact(db, async (trx) => {
		const done = await trx
			.updateTable('session')
			.set({ status: 'scheduled', notice: '课程已恢复，请按原定时间参加', noticeAt: now, updatedAt: now })
			.where('id', '=', id)
			.where('status', '=', 'cancelled')
			.executeTakeFirst();
		if (Number(done.numUpdatedRows) === 0) return false;
		await appendAudit(trx, { actorId, action: 'session.restore', entityType: 'session', entityId: id, after: { status: 'scheduled' } });
		return true;
	});
}
