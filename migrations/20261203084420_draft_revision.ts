import { sql, type Kysely } from 'kysely';

// A lesson's draft is saved every few seconds while someone types (autosave). Two editors —
// another tab, another instructor — must not overwrite each other without a word: each save
// names the revision it started from and is refused when the draft has moved on since.
// draft_editor is the editor page that wrote the revision, so a save repeated after a lost
// answer (a network drop) is recognised as the same editor's and not as someone else's.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table lesson add column draft_revision integer not null default 0, add column draft_editor text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table lesson drop column draft_revision, drop column draft_editor`.execute(db);
}
