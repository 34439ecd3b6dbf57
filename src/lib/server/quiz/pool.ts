import { sql } from 'kysely';
import type { PoolQuestion } from './draw';
import type { BankText } from './paper-view';
import { notPractice } from '../courses/practice';
import type { Db } from '$lib/server/db';

/**
 * Bank questions that new papers may draw from, read fresh: for rule checks. Not archived, and
 * not embedded as practice in a published lesson: practice shows its key to every learner.
 */
export function questionPool(db: Db, courseId: number) {
	return db
		.selectFrom('question')
		.select(['id', 'type', 'chapter', 'difficulty', sql<number>`jsonb_array_length(options)`.as('optionCount')])
		.where('courseId', '=', courseId)
		.where('archivedAt', 'is', null)
		.where(notPractice)
		.execute() as Promise<PoolQuestion[]>;
}

export type DrawQuestion = PoolQuestion & BankText;

// On exam day two thousand learners start within seconds, all drawing from one bank: each
// process keeps a course's pool, with the texts, for a few seconds instead of reading it
// per start. A stale pool only means a question added or archived seconds ago is or is not
// drawn yet; bank writes in this process forget it at once.
// A lesson published seconds ago may still have its practice in a cached pool: the practice
// endpoint withholds a question while a running paper holds it.
const POOL_TTL_MS = 10_000;
const pools = new WeakMap<object, Map<number, { at: number; rows: Promise<DrawQuestion[]> }>>();

export function drawPool(db: Db, courseId: number): Promise<DrawQuestion[]> {
	let byCourse = pools.get(db);
	if (!byCourse) pools.set(db, (byCourse = new Map()));
	const hit = byCourse.get(courseId);
	if (hit && Date.now() - hit.at < POOL_TTL_MS) return hit.rows;
	const rows = db
		.selectFrom('question')
		.select(['id', 'type', 'chapter', 'difficulty', 'stem', 'options', sql<number>`jsonb_array_length(options)`.as('optionCount')])
		.where('courseId', '=', courseId)
		.where('archivedAt', 'is', null)
		.where(notPractice)
		.execute() as Promise<DrawQuestion[]>;
	byCourse.set(courseId, { at: Date.now(), rows });
	rows.catch(() => byCourse.delete(courseId));
	return rows;
}

/** After a bank write: the next start reads the pool again. */
export function forgetPools(db: Db) {
	pools.delete(db);
}
