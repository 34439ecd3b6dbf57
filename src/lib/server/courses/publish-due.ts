import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { appendAudit } from '../audit/log';
import { AuthoringError } from './authoring';
import { publishLocked, type Published } from './versions';

type Outcome = (Published & { lessonId: number }) | { lessonId: number; skipped: string };

/** The version is published in the name of whoever scheduled it. */
async function scheduledBy(trx: Transaction<Database>, lessonId: number) {
	const entry = await trx
		.selectFrom('auditLog')
		.select('actorId')
		.where('entityType', '=', 'lesson')
		.where('entityId', '=', String(lessonId))
		.where('action', '=', 'lesson.schedule')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	return entry?.actorId ?? null;
}

/**
 * Publishes every lesson whose scheduled time has come. Safe to call from every instance
 * at once and as often as wanted: each lesson is taken with `for update skip locked`
 * (another instance is already on it) and its schedule is cleared as it is published.
 * One transaction per lesson, so one that fails does not hold back the others.
 */
export async function publishDue(db: Kysely<Database>, now = new Date()) {
	const outcomes: Outcome[] = [];
	const failed: number[] = [];
	for (;;) {
		let taken: number | undefined;
		try {
			const outcome = await db.transaction().execute(async (trx) => {
				let due = trx
					.selectFrom('lesson as l')
					.innerJoin('course as c', 'c.id', 'l.courseId')
					.select('l.id')
					.where('l.publishAt', '<=', now)
					.where('c.source', '=', 'browser')
					.orderBy('l.publishAt')
					.limit(1)
					.forUpdate('l')
					.skipLocked();
				if (failed.length) due = due.where('l.id', 'not in', failed);
				const lesson = await due.executeTakeFirst();
				if (!lesson) return null;
				taken = lesson.id;
				const actorId = await scheduledBy(trx, lesson.id);
				try {
					return { lessonId: lesson.id, ...(await publishLocked(trx, lesson.id, actorId, { detail: { scheduled: true } })) };
				} catch (e) {
					if (!(e instanceof AuthoringError)) throw e;
					// Nothing publishable (an empty draft): drop the schedule rather than retry forever.
					await trx.updateTable('lesson').set({ publishAt: null }).where('id', '=', lesson.id).execute();
					await appendAudit(trx, { actorId, action: 'lesson.unschedule', entityType: 'lesson', entityId: lesson.id, after: { reason: e.message } });
					return { lessonId: lesson.id, skipped: e.message };
				}
			});
			if (!outcome) break;
			outcomes.push(outcome);
		} catch (e) {
			console.error(`[publishDue] 课时 ${taken ?? '?'} 定时发布失败`, e);
			if (taken === undefined) break;
			failed.push(taken);
		}
	}
	return outcomes;
}
