import { sql, type Kysely } from 'kysely';

// The unit that owns a course: its authoring and question-bank grants (course.author,
// bank.manage) reach the course only from that unit's subtree. null is the whole school:
// content/ courses and every course made before courses had owners, so none of them
// becomes editable from a college.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table course add column org_unit_id integer references org_unit (id)`.execute(db);
	await sql`create index course_org_unit_idx on course (org_unit_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table course drop column org_unit_id`.execute(db);
}
