import type { Kysely } from 'kysely';
import type { Database } from './db/schema';
import { closeEndedSessions } from './attendance/close';
import { publishDue } from './courses/publish-due';
import { closeExpiredAttempts } from './quiz/grading';
import { checkpointJob } from './audit/checkpoint';
import { forgetOldKeys } from './http/idempotency';

// Periodic work that must happen even when nobody loads a page, and that no GET does: link
// previews and prefetching must not change anything. Every job is idempotent and safe to run
// on several instances at once, so each instance simply runs them all.
export const jobs: [string, (db: Kysely<Database>) => Promise<unknown>][] = [
	['closeEndedSessions', (db) => closeEndedSessions(db)],
	['publishDue', (db) => publishDue(db)],
	['closeExpiredAttempts', (db) => closeExpiredAttempts(db)],
	['forgetOldKeys', (db) => forgetOldKeys(db)],
	// Signed audit checkpoints outside the database; written only when due and the chain grew.
	['auditCheckpoint', (db) => checkpointJob(db)]
];

export function startJobs(db: Kysely<Database>, everyMs = 60_000) {
	let running = false;
	const tick = async () => {
		if (running) return;
		running = true;
		for (const [name, job] of jobs) {
			try {
				await job(db);
			} catch (e) {
				console.error(`[jobs] ${name} 失败：`, e);
			}
		}
		running = false;
	};
	const timer = setInterval(() => void tick(), everyMs);
	timer.unref();
	return () => clearInterval(timer);
}
