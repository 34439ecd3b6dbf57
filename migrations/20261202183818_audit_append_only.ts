import { sql, type Kysely } from 'kysely';

// Frozen in time: never import app code here.
// The audit log is evidence: no role that connects as the app may change or remove an entry.
// (The table's owner can still disable these triggers; the signed checkpoints kept outside
// the database are what catch that.)
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create function audit_log_append_only() returns trigger language plpgsql as $$
		begin
			raise exception 'audit_log is append-only: % is not allowed', tg_op
				using errcode = 'insufficient_privilege';
		end
		$$`.execute(db);
	await sql`
		create trigger audit_log_no_update_delete before update or delete on audit_log
		for each row execute function audit_log_append_only()`.execute(db);
	await sql`
		create trigger audit_log_no_truncate before truncate on audit_log
		for each statement execute function audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop trigger audit_log_no_truncate on audit_log`.execute(db);
	await sql`drop trigger audit_log_no_update_delete on audit_log`.execute(db);
	await sql`drop function audit_log_append_only()`.execute(db);
}
