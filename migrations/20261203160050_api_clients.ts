import { sql, type Kysely } from 'kysely';

// Tokens for the school's other systems (学工, 党员信息系统) to read training records,
// certificates and development stages. Only the token's SHA-256 is kept, as for sessions.
// The per-minute counter lives here so that every server instance shares one limit.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('api_client')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('requests_per_minute', 'integer', (c) => c.notNull().defaultTo(120).check(sql`requests_per_minute between 1 and 10000`))
		.addColumn('created_by', 'integer', (c) => c.references('person.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('revoked_at', 'timestamptz')
		.addColumn('revoked_by', 'integer', (c) => c.references('person.id').onDelete('set null'))
		.execute();
	await db.schema
		.createTable('api_client_unit')
		.addColumn('client_id', 'integer', (c) => c.notNull().references('api_client.id').onDelete('cascade'))
		.addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_unit.id'))
		.addPrimaryKeyConstraint('api_client_unit_pk', ['client_id', 'org_unit_id'])
		.execute();
	await db.schema
		.createTable('api_client_hit')
		.addColumn('client_id', 'integer', (c) => c.notNull().references('api_client.id').onDelete('cascade'))
		.addColumn('minute', 'integer', (c) => c.notNull())
		.addColumn('hits', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('api_client_hit_pk', ['client_id', 'minute'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('api_client_hit').execute();
	await db.schema.dropTable('api_client_unit').execute();
	await db.schema.dropTable('api_client').execute();
}
