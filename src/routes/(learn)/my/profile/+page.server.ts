import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { authorize, requireUser } from '$lib/server/auth/guard';
import { getPerson } from '$lib/server/people/repository';
import { rolesOf } from '$lib/server/people/roles';
import { todayInShanghai } from '$lib/server/development/engine/dates';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser();
	const person = await getPerson(locals.db, user.id);
	if (!person) error(404, '未找到您的档案');
	authorize('person.view', { orgPath: person.orgPath, personId: person.id });
	return { person, roles: await rolesOf(locals.db, user.id), today: todayInShanghai() };
};
