import { sql, type Kysely } from 'kysely';

// A check-in with a right code, recorded in one statement that waits its turn behind the
// person's other attempts. Wrong codes throttle guessing (MAX_BAD_CODES in ten minutes), so a
// right code must be judged against every wrong one sent before it, even in a burst sent at
// once. A transaction around read, lock and insert did that but held a connection for five
// round trips per check-in, and a lecture hall's burst queued on the transaction pool
// (bench:checkin p99 42 → 839 ms). Here the lock, the count and the insert are one call on a
// pipelined connection: each statement of a plpgsql function takes a fresh snapshot, so the
// count, taken after the lock is granted, sees every wrong code committed before.
// The lock is the same (7320040, person) pair check-in.ts takes for its slower paths.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create function attendance_check_in(
			p_session integer, p_person integer, p_status text, p_at timestamptz,
			p_device text, p_ip text, p_user_agent text, p_max_bad_codes integer
		) returns table (r_outcome text, r_status text, r_checked_in_at timestamptz)
		language plpgsql volatile as $$
		begin
			perform pg_advisory_xact_lock(7320040, p_person);
			if (select count(*) from attendance_flag f
					where f.person_id = p_person and f.kind = 'bad_code' and f.at > now() - interval '10 minutes') >= p_max_bad_codes then
				return query select 'throttled'::text, null::text, null::timestamptz;
				return;
			end if;
			-- No row back: the person has a record already, or this device checked in someone else.
			return query
				insert into attendance as a (session_id, person_id, status, source, checked_in_at, marked_at, device_id, ip, user_agent)
				values (p_session, p_person, p_status, 'checkin', p_at, p_at, p_device, p_ip, p_user_agent)
				on conflict do nothing
				returning 'in'::text, a.status, a.checked_in_at;
		end
		$$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop function attendance_check_in(integer, integer, text, timestamptz, text, text, text, integer)`.execute(db);
}
