import { error } from '@sveltejs/kit';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AuthUser } from '../auth/session';
import { requireUser } from '../auth/guard';
import { can, canSomewhere, grantsCovering, schoolWide, scopePaths } from '../auth/authz';
import { inScope } from '../auth/scope';

// Courses are owned by a unit (course.org_unit_id; null: the whole school). Authoring and the
// question bank reach a course only from a grant over its owner, so an instructor of a
// college edits that college's courses, and only school-level authors the school's.

export type CourseAction = 'course.author' | 'bank.manage';

/** Whether the user may `action` a course owned by the unit at `ownerPath` (null: the school). */
export function canOnCourse(user: AuthUser, action: CourseAction, ownerPath: string | null) {
	return ownerPath === null ? schoolWide(user, action) : can(user, action, { orgPath: ownerPath });
}

/** A where-clause on `co`, the owning unit left-joined to the course: the courses the user may `action`. */
export function coursesInScope(user: AuthUser, action: CourseAction) {
	return schoolWide(user, action) ? sql<boolean>`true` : inScope('co.path', scopePaths(user, action));
}

/** The ids of the courses the user may `action` (for lists filtered after the query). */
export async function courseIdsInScope(db: Kysely<Database>, user: AuthUser, action: CourseAction) {
	const rows = await db.selectFrom('course as c').leftJoin('orgUnit as co', 'co.id', 'c.orgUnitId').select('c.id').where(coursesInScope(user, action)).execute();
	return new Set(rows.map((r) => r.id));
}

/** The unit a new course of the user belongs to: the school for a school-wide author, else their widest grant's unit. */
export function newCourseOwner(user: AuthUser, action: CourseAction): number | null {
	if (schoolWide(user, action)) return null;
	const [widest] = scopePaths(user, action);
	return widest ? (grantsCovering(user, action, widest).find((g) => g.orgPath === widest)?.orgUnitId ?? null) : null;
}

/** The course in the URL, for a user who may `action` it: 403 without the grant anywhere, 404 if missing, 403 if not theirs. */
export async function authorizeCourse(db: Kysely<Database>, id: number, action: CourseAction) {
	const user = requireUser();
	if (!canSomewhere(user, action)) error(403, '您没有权限访问该页面');
	const course = await db.selectFrom('course as c').leftJoin('orgUnit as co', 'co.id', 'c.orgUnitId').select(['c.id', 'co.path as orgPath']).where('c.id', '=', id).executeTakeFirst();
	if (!course) error(404, '未找到该课程');
	if (!canOnCourse(user, action, course.orgPath)) error(403, '该课程不属于您的授课范围');
	return { user, course };
}
