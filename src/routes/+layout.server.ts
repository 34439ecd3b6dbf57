import type { LayoutServerLoad } from './$types';
import { menuFor, roleBadges } from '$lib/server/nav/menu';

export const load: LayoutServerLoad = ({ locals }) => {
	const user = locals.user;
	if (!user) return { user: null, menu: [], badges: [] };
	return {
		user: { id: user.id, name: user.name, username: user.username, orgName: user.orgName },
		menu: menuFor(user),
		badges: roleBadges(user)
	};
};
