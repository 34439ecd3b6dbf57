import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { authorize, requireUser } from '../auth/guard';
import { scopePaths } from '../auth/authz';
import { recordPerson } from './records';

/** The person whose record is asked for: the person themselves, their branch's secretary, their committee's organizers. */
export async function recordFor(db: Kysely<Database>, id: number) {
	const person = await recordPerson(db, id);
	if (!person) {
		// A learner is not told whether someone else's id exists.
		const user = requireUser();
		error(scopePaths(user, 'person.view').length ? 404 : 403, scopePaths(user, 'person.view').length ? '未找到该人员' : '您没有权限访问该内容');
	}
	const user = authorize('person.view', { orgPath: person.orgPath, personId: person.id });
	return { user, person };
}
