import { sql, type Kysely } from 'kysely';

// What applicants, activists and mentors hand in online (入党申请书, 思想汇报, 培养考察意见, 半年考察)
// and the branch accepts or returns. Only what is accepted reaches development_entry, dated by the
// acceptance; the submission keeps the text or scan, who decided and the entry it became.
// One live submission per author, kind and period: a returned one may be handed in again.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table development_submission (
			id serial primary key,
			person_id integer not null references person (id),
			kind text not null check (kind in ('application', 'thought_report', 'mentor_opinion', 'evaluation')),
			period text not null,
			author_id integer not null references person (id),
			body text not null default '',
			attachment_id uuid references stored_file (id),
			status text not null default 'submitted' check (status in ('submitted', 'accepted', 'returned')),
			submitted_at timestamptz not null default now(),
			decided_by integer references person (id),
			decided_at timestamptz,
			return_reason text,
			entry_id integer references development_entry (id),
			constraint development_submission_has_content check (body <> '' or attachment_id is not null),
			constraint development_submission_decided check ((status = 'submitted') = (decided_at is null) and (decided_at is null) = (decided_by is null)),
			constraint development_submission_accepted check ((status = 'accepted') = (entry_id is not null)),
			constraint development_submission_returned check ((status = 'returned') = (return_reason is not null))
		)`.execute(db);
	await sql`create unique index development_submission_live on development_submission (person_id, kind, author_id, period) where status <> 'returned'`.execute(db);
	await sql`create index development_submission_pending on development_submission (submitted_at, id) where status = 'submitted'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table development_submission`.execute(db);
}
