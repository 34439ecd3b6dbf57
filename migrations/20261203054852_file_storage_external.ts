import { sql, type Kysely } from 'kysely';

// Downloads read a stored file in slices of a few MB (src/lib/server/files/serve.ts). PostgreSQL
// reads only the TOAST chunks of a slice when the value is stored uncompressed; a compressed value
// is decompressed from its start up to the slice each time, so a full download would cost the
// square of its size. EXTERNAL = out of line, never compressed (videos hardly compress anyway).
// A column's storage applies to values written from now on: the rows pglz compressed before are
// rewritten here (`|| ''` makes a new value, which is then stored as EXTERNAL says). Those are the
// compressible ones — SVG, captions, some PDFs — small, so this is cheap; incompressible videos
// were stored uncompressed already and are left alone.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table stored_file alter column data set storage external`.execute(db);
	await sql`update stored_file set data = data || ''::bytea where pg_column_compression(data) is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table stored_file alter column data set storage extended`.execute(db);
}
