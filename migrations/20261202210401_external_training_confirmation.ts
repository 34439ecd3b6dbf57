import { sql, type Kysely } from 'kysely';

// A committee's confirmation of an entry the branch recorded. Training from another party school
// (external_training) counts only once a committee-level role has recorded or confirmed it, with
// the certificate's scan: who confirmed and when is kept beside the entry, never in its details,
// so no form can post a confirmation of its own.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		alter table development_entry
			add column confirmed_by integer references person (id),
			add column confirmed_at timestamptz,
			add constraint development_entry_confirmed_pair check ((confirmed_by is null) = (confirmed_at is null))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table development_entry drop constraint development_entry_confirmed_pair, drop column confirmed_at, drop column confirmed_by`.execute(db);
}
