import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema';
import { eventKinds } from './tables';

export const eventBatch = z.object({
	events: z
		.array(z.object({ kind: z.enum(eventKinds), at: z.coerce.date() }))
		.min(1)
		.max(100)
});
export type EventBatch = z.infer<typeof eventBatch>;

/**
 * Logs a batch of integrity signals for the person's own attempt. Times come from the
 * browser, so they are clamped to the attempt's span; an attempt submitted more than a
 * minute ago takes no more events.
 */
export async function logEvents(db: Kysely<Database>, attemptId: number, personId: number, batch: EventBatch) {
	const rows = batch.events.map((e) => sql`(${e.kind}::text, ${e.at.toISOString()}::timestamptz)`);
	const result = await sql`
		insert into exam_event (attempt_id, kind, at)
		select a.id, v.kind, least(greatest(v.at, a.started_at), now())
		from exam_attempt a, (values ${sql.join(rows)}) as v(kind, at)
		where a.id = ${attemptId} and a.person_id = ${personId}
			and (a.status = 'in_progress' or a.submitted_at > now() - interval '1 minute')`.execute(db);
	return Number(result.numAffectedRows ?? 0);
}
