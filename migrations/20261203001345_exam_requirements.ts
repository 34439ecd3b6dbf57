import { sql, type Kysely } from 'kysely';

// What an exam asks of a learner before its attempt may start, so that the one allowed attempt
// is not spent by a learner who has not studied yet: every required lesson of the course
// completed, and/or at least this many 学时. Both off = anyone enrolled may start (as before).
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		alter table exam
			add column require_lessons boolean not null default false,
			add column min_hours numeric(6, 1),
			add constraint exam_min_hours_check check (min_hours is null or (min_hours > 0 and min_hours <= 1000))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table exam drop constraint exam_min_hours_check, drop column min_hours, drop column require_lessons`.execute(db);
}
