import { createHash } from 'node:crypto';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import { inScope } from '../auth/scope';
import type { Db } from '$lib/server/db';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const attachmentTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];

export interface Attachment {
	name: string;
	contentType: string;
	data: Uint8Array;
}

export type LeaveResult = { ok: true; id: number } | { ok: false; message: string };

/**
 * A learner asks for leave before the session starts; asking again replaces a pending or
 * refused request (an approved one stands). The attachment goes to stored_file.
 */
export async function requestLeave(db: Db, personId: number, sessionId: number, reason: string, file: Attachment | null, now = new Date()): Promise<LeaveResult> {
	return transact(db, async (trx) => {
		const session = await trx
			.selectFrom('session as s')
			.innerJoin('enrollment as e', 'e.cohortId', 's.cohortId')
			.select(['s.startsAt', 's.status'])
			.where('s.id', '=', sessionId)
			.where('e.personId', '=', personId)
			.executeTakeFirst();
		if (!session) return { ok: false, message: '未找到该课程，或您不是该培训班的学员' };
		if (session.status === 'cancelled') return { ok: false, message: '该课程已取消，无需请假' };
		if (session.startsAt <= now) return { ok: false, message: '课程已开始，不能再提交请假申请，请联系授课教师' };
		const existing = await trx
			.selectFrom('leaveRequest')
			.select(['id', 'status', 'fileId'])
			.where('sessionId', '=', sessionId)
			.where('personId', '=', personId)
			.forUpdate()
			.executeTakeFirst();
		if (existing?.status === 'approved') return { ok: false, message: '您的请假已获批准，无需重复申请' };
		// Asking again without a file keeps the earlier attachment; a new file replaces it.
		let fileId: string | null = existing?.fileId ?? null;
		if (file) {
			const stored = await trx
				.insertInto('storedFile')
				.values({
					name: file.name.slice(0, 120),
					contentType: file.contentType,
					size: file.data.byteLength,
					sha256: createHash('sha256').update(file.data).digest('hex'),
					data: file.data,
					createdBy: personId
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			fileId = stored.id;
		}
		const values = { reason, fileId, status: 'pending' as const, requestedAt: now, decidedBy: null, decidedAt: null, decisionNote: null };
		const row = await trx
			.insertInto('leaveRequest')
			.values({ sessionId, personId, ...values })
			.onConflict((oc) => oc.columns(['sessionId', 'personId']).doUpdateSet(values))
			.returning('id')
			.executeTakeFirstOrThrow();
		if (existing?.fileId && existing.fileId !== fileId) await trx.deleteFrom('storedFile').where('id', '=', existing.fileId).execute();
		await appendAudit(trx, { actorId: personId, action: 'leave.request', entityType: 'leave_request', entityId: row.id, after: { sessionId, reason, fileId } });
		return { ok: true, id: row.id };
	});
}

/**
 * Approving records 请假 for the session unless the learner checked in after all; refusing an
 * approved request takes that mark back (the learner is then unmarked, absent after closing).
 */
export async function decideLeave(db: Db, actorId: number, sessionId: number, requestId: number, approve: boolean, note: string, now = new Date()) {
	return transact(db, async (trx) => {
		const request = await trx
			.selectFrom('leaveRequest')
			.selectAll()
			.where('id', '=', requestId)
			.where('sessionId', '=', sessionId)
			.forUpdate()
			.executeTakeFirst();
		if (!request) return false;
		const status = approve ? 'approved' : 'refused';
		await trx.updateTable('leaveRequest').set({ status, decidedBy: actorId, decidedAt: now, decisionNote: note || null }).where('id', '=', requestId).execute();
		if (approve) {
			await trx
				.insertInto('attendance')
				.values({ sessionId, personId: request.personId, status: 'leave', source: 'leave', reason: request.reason.slice(0, 200), markedBy: actorId, markedAt: now })
				.onConflict((oc) =>
					oc
						.columns(['sessionId', 'personId'])
						.doUpdateSet({ status: 'leave', source: 'leave', reason: request.reason.slice(0, 200), markedBy: actorId, markedAt: now })
						// Someone who came after all keeps their check-in.
						.where('attendance.checkedInAt', 'is', null)
				)
				.execute();
		} else {
			await trx.deleteFrom('attendance').where('sessionId', '=', sessionId).where('personId', '=', request.personId).where('source', '=', 'leave').execute();
		}
		await appendAudit(trx, {
			actorId,
			action: approve ? 'leave.approve' : 'leave.refuse',
			entityType: 'leave_request',
			entityId: requestId,
			before: { status: request.status },
			after: { status, note: note || null, personId: request.personId, sessionId }
		});
		return true;
	});
}

/** Pending requests first, then the rest, for one session; one query. */
export function leaveRequests(db: Db, sessionId: number, learnerPaths: string[] | null) {
	if (learnerPaths?.length === 0) return Promise.resolve([]);
	let q = db
		.selectFrom('leaveRequest as l')
		.innerJoin('person as p', 'p.id', 'l.personId')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.leftJoin('storedFile as f', 'f.id', 'l.fileId')
		.leftJoin('person as d', 'd.id', 'l.decidedBy')
		.select(['l.id', 'l.personId', 'p.name', 'p.username', 'o.name as orgName', 'l.reason', 'l.status', 'l.requestedAt', 'l.decidedAt', 'l.decisionNote', 'd.name as decidedByName', 'f.id as fileId', 'f.name as fileName'])
		.where('l.sessionId', '=', sessionId);
	if (learnerPaths) q = q.where(inScope('o.path', learnerPaths));
	return q.orderBy((eb) => eb.case().when('l.status', '=', 'pending').then(0).else(1).end()).orderBy('l.requestedAt').limit(500).execute();
}
