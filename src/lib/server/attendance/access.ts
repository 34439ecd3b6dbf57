import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AuthUser } from '../auth/session';
import { cohortAccess } from '../cohorts/access';
import { getSession } from './sessions';

export interface SessionScope {
	/** the cohort's scope unit's path */
	orgPath: string;
	teaches: boolean;
	assists: boolean;
	/** the session's own instructor, when asking about one session */
	instructorId?: number | null;
}

/**
 * Who may do what with a cohort's sessions:
 * - edit (create, move, cancel, name assistants): the cohort's instructors and its managers;
 * - run (projector, marking, leave decisions): those, the assistants they name, and the
 *   session's own instructor;
 * - view results: anyone who sees the cohort, limited to the learners they may see
 *   (a secretary their branch); those who run it see every learner.
 */
export function sessionAccess(user: AuthUser, s: SessionScope) {
	const cohort = cohortAccess(user, { orgPath: s.orgPath, teaches: s.teaches });
	const edit = s.teaches || cohort.manage;
	const run = edit || s.assists || (s.instructorId != null && s.instructorId === user.id);
	return {
		view: cohort.view || run,
		edit,
		run,
		/** null = every learner */
		learnerPaths: run ? null : cohort.learnerPaths
	};
}

export type SessionAccess = ReturnType<typeof sessionAccess>;

export function seesLearner(access: SessionAccess, personPath: string) {
	return access.learnerPaths === null || access.learnerPaths.some((p) => personPath.startsWith(p));
}

/** The session in the URL and the user's access: 404 if missing, 403 if not theirs to see. */
export async function sessionFor(db: Kysely<Database>, idParam: string, user: AuthUser) {
	const id = Number(idParam);
	const session = Number.isInteger(id) && id > 0 && id < 2 ** 31 ? await getSession(db, id, user.id) : undefined;
	if (!session) error(404, '未找到该课程');
	const access = sessionAccess(user, session);
	if (!access.view) error(403, '您没有权限查看该课程');
	return { session, access };
}
