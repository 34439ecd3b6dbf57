import { sql, type Kysely } from 'kysely';

// One row per submitted form that changed something: a second post of the same rendered form
// (double click, retry, many tabs) finds it and answers with the stored result instead of
// writing again. The primary key makes the claim atomic on every instance.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table idempotency_key (
			person_id integer not null references person (id) on delete cascade,
			action text not null,
			key text not null,
			created_at timestamptz not null default now(),
			result jsonb,
			primary key (person_id, action, key)
		)`.execute(db);
	await sql`create index idempotency_key_created_idx on idempotency_key (created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table idempotency_key`.execute(db);
}
