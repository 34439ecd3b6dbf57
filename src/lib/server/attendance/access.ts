import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AuthUser } from '../auth/session';
import { can, type Target } from '../auth/authz';
import { withinScope } from '../auth/scope';
import { cohortAccess } from '../cohorts/access';
import { getClassSession } from './class-sessions';

export interface SessionScope {
	/** the cohort's scope unit's path */
	orgPath: string;
	teaches: boolean;
	assists: boolean;
	/** the session's own instructor, when asking about one session */
	instructorId?: number | null;
}

/** The session (or its cohort) as an authz target: teaching the cohort, assisting, or being the session's own instructor. */
export function sessionTarget(user: AuthUser, s: SessionScope): Target {
	return { orgPath: s.orgPath, teaches: s.teaches, assists: s.assists || (s.instructorId != null && s.instructorId === user.id) };
}

/**
 * Who may do what with a cohort's sessions (auth/authz.ts):
 * - edit (session.manage: create, move, cancel, name assistants): the cohort's instructors and its managers;
 * - run, mark, decide leave (session.run, session.mark, leave.decide): those, the assistants
 *   they name, and the session's own instructor;
 * - view results: anyone who sees the cohort, limited to the learners they may see
 *   (a secretary their branch); those who run it see every learner.
 */
export function sessionAccess(user: AuthUser, s: SessionScope) {
	const cohort = cohortAccess(user, { orgPath: s.orgPath, teaches: s.teaches });
	const target = sessionTarget(user, s);
	const run = can(user, 'session.run', target);
	return {
		view: cohort.view || run,
		edit: can(user, 'session.manage', target),
		run,
		mark: can(user, 'session.mark', target),
		decideLeave: can(user, 'leave.decide', target),
		/** null = every learner */
		learnerPaths: run ? null : cohort.learnerPaths
	};
}

export type SessionAccess = ReturnType<typeof sessionAccess>;

export function seesLearner(access: SessionAccess, personPath: string) {
	return access.learnerPaths === null || withinScope(personPath, access.learnerPaths);
}

/** The session in the URL and the user's access: 404 if missing, 403 if not theirs to see. */
export async function sessionFor(db: Kysely<Database>, id: number, user: AuthUser) {
	const session = await getClassSession(db, id, user.id);
	if (!session) error(404, '未找到该课程');
	const access = sessionAccess(user, session);
	if (!access.view) error(403, '您没有权限查看该课程');
	return { session, access };
}
