import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AuthUser } from '../auth/session';
import { scopePaths } from '../auth/authz';
import { seesLearner, sessionAccess } from '../attendance/access';
import { getClassSession } from '../attendance/class-sessions';
import { developmentRights } from '../development/access';
import { UUID } from './store';

// A stored file has no rights of its own: whoever may see the record that holds it may read it.
// The holders are a course (lesson media), a leave request (请假 attachments such as 诊断证明) and
// a person's development record (entries and exemptions). A file no record holds is not served.

/** Lesson media of a published lesson: the same bytes for every signed-in reader, for good. */
export const CACHE_LESSON_MEDIA = 'private, max-age=31536000, immutable';
/** Anything about one person, and drafts: never kept by a browser or a proxy. */
export const CACHE_PRIVATE = 'private, no-store';

export type FileDecision = { ok: true; cacheControl: string } | { ok: false; status: 403 | 404 };

const missing: FileDecision = { ok: false, status: 404 };
const denied: FileDecision = { ok: false, status: 403 };

export async function fileReadDecision(db: Kysely<Database>, user: AuthUser, id: string): Promise<FileDecision> {
	if (!UUID.test(id)) return missing;
	const [file, leaves, development] = await Promise.all([
		db
			.selectFrom('storedFile as f')
			.select((eb) => [
				'f.courseId',
				// Referenced by a lesson version that is published now.
				eb
					.exists(
						eb
							.selectFrom('lesson as l')
							.innerJoin('lessonVersion as v', 'v.id', 'l.publishedVersionId')
							.select('l.id')
							.whereRef('l.courseId', '=', 'f.courseId')
							.where(sql<boolean>`strpos(v.html, ${'/files/' + id}) > 0`)
					)
					.as('published')
			])
			.where('f.id', '=', id)
			.executeTakeFirst(),
		db
			.selectFrom('leaveRequest as l')
			.innerJoin('person as p', 'p.id', 'l.personId')
			.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
			.select(['l.sessionId', 'l.personId', 'o.path'])
			.where('l.fileId', '=', id)
			.execute(),
		db
			.selectFrom('developmentEntry as e')
			.select(['e.personId'])
			.where('e.attachmentId', '=', id)
			.union(db.selectFrom('developmentExemption as x').select(['x.personId']).where('x.attachmentId', '=', id))
			// A scan handed in online (development/submissions.ts), read as the record it is about.
			.union(db.selectFrom('developmentSubmission as u').select(['u.personId']).where('u.attachmentId', '=', id))
			.execute()
	]);
	if (!file) return missing;

	// The same bytes may be held by several records (uploads are deduplicated): any one suffices.
	let holders = 0;
	for (const leave of leaves) {
		holders++;
		if (await mayReadLeave(db, user, leave)) return { ok: true, cacheControl: CACHE_PRIVATE };
	}
	for (const { personId } of development) {
		holders++;
		if (await mayReadDevelopment(db, user, personId)) return { ok: true, cacheControl: CACHE_PRIVATE };
	}
	if (file.courseId !== null) {
		holders++;
		if (file.published) return { ok: true, cacheControl: leaves.length || development.length ? CACHE_PRIVATE : CACHE_LESSON_MEDIA };
		// Course authoring is school-wide: any author may read a course's draft media.
		if (scopePaths(user, 'course.author').length > 0) return { ok: true, cacheControl: CACHE_PRIVATE };
	}
	return holders ? denied : missing;
}

/** The learner, those who run the session, and those who see the learner in its results. */
async function mayReadLeave(db: Kysely<Database>, user: AuthUser, leave: { sessionId: number; personId: number; path: string }) {
	if (leave.personId === user.id) return true;
	const session = await getClassSession(db, leave.sessionId, user.id);
	if (!session) return false;
	const access = sessionAccess(user, session);
	return access.run || (access.view && seesLearner(access, leave.path));
}

/** The person, their current 培养联系人/入党介绍人, and development viewers of their unit. */
async function mayReadDevelopment(db: Kysely<Database>, user: AuthUser, personId: number) {
	if (personId === user.id) return true;
	const [person, supporter] = await Promise.all([
		db.selectFrom('person as p').innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId').select('o.path').where('p.id', '=', personId).executeTakeFirst(),
		db
			.selectFrom('developmentSupporter')
			.select('id')
			.where('personId', '=', personId)
			.where('supporterId', '=', user.id)
			.where('endedOn', 'is', null)
			.executeTakeFirst()
	]);
	if (supporter) return true;
	return !!person && developmentRights(user, person.path).view;
}
