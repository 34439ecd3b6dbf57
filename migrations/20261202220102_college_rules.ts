import { sql, type Kysely } from 'kysely';

// A college committee's (二级党委) own tightening of the school's development rules for its units:
// append-only versions keyed by org unit, each in effect from `effective_from`, like the school's.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table development_college_settings (
			id serial primary key,
			org_unit_id integer not null references org_unit (id),
			overrides jsonb not null default '{}',
			effective_from timestamptz not null,
			note text not null default '',
			created_by integer references person (id),
			created_at timestamptz not null default now()
		)`.execute(db);
	await sql`create index development_college_settings_unit on development_college_settings (org_unit_id, effective_from desc, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table development_college_settings`.execute(db);
}
