import { sql, type Kysely } from 'kysely';

// The members' registry: what forms, notices and statistics need about a person, and the
// party's disciplinary sanctions (处分). The 身份证号 lives in its own table so that no
// `select *` on person can carry it to a page: it is read only through the people feature,
// which masks it for anyone below committee level.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		alter table person
			add column ethnicity text,
			add column native_place text,
			add column education text,
			add column joined_on date,
			add column confirmed_on date,
			add constraint person_confirmed_after_joined check (confirmed_on is null or joined_on is null or confirmed_on > joined_on)`.execute(db);
	await sql`
		create table person_identity (
			person_id integer primary key references person (id) on delete cascade,
			id_number text not null unique check (id_number ~ '^[0-9]{17}[0-9X]$'),
			updated_at timestamptz not null default now()
		)`.execute(db);
	// A sanction is never deleted: a mistaken one is voided with a reason, so the record stays.
	await sql`
		create table person_discipline (
			id serial primary key,
			person_id integer not null references person (id) on delete cascade,
			kind text not null check (kind in ('warning', 'serious_warning', 'removal_from_post', 'probation', 'expulsion')),
			starts_on date not null,
			ends_on date,
			decided_by text not null,
			document_no text,
			reason text not null,
			recorded_by integer references person (id),
			recorded_at timestamptz not null default now(),
			voided_at timestamptz,
			voided_by integer references person (id),
			void_reason text,
			check ((kind = 'probation') = (ends_on is not null)),
			check (ends_on is null or ends_on >= starts_on),
			check ((voided_at is null) = (void_reason is null))
		)`.execute(db);
	await sql`create index person_discipline_person_idx on person_discipline (person_id) where voided_at is null`.execute(db);
	// Nothing ever set it: 留党察看 is now read from person_discipline as of the decision date.
	await sql`alter table development_supporter drop column under_disciplinary_probation`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table development_supporter add column under_disciplinary_probation boolean not null default false`.execute(db);
	await sql`drop table person_discipline`.execute(db);
	await sql`drop table person_identity`.execute(db);
	await sql`
		alter table person
			drop constraint person_confirmed_after_joined,
			drop column ethnicity,
			drop column native_place,
			drop column education,
			drop column joined_on,
			drop column confirmed_on`.execute(db);
}
