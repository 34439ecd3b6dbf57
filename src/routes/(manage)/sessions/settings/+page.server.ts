import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { schoolWide } from '$lib/server/auth/authz';
import { campusNetworks, saveCampusNetworks } from '$lib/server/attendance/campus';
import { campusNetworksInput } from '$lib/server/attendance/schema';
import { parseForm } from '$lib/validation/form';
import { field } from '$lib/validation/fields';

/** A school-wide setting: the school admin only. */
function admin() {
	const user = requireUser();
	if (!schoolWide(user, 'settings.manage')) error(403, '只有组织部/党校管理员可以修改签到设置');
	return user;
}

export const load: PageServerLoad = async ({ locals }) => {
	admin();
	const ranges = await campusNetworks(locals.db);
	return { campusNetworks: ranges.join('\n'), count: ranges.length };
};

export const actions = {
	default: async ({ locals, request }) => {
		const user = admin();
		const parsed = await parseForm(request, campusNetworksInput);
		if (!parsed.ok) return fail(400, { campusNetworks: field(parsed.form, 'campusNetworks'), message: parsed.errors.campusNetworks ?? '请修正校园网络' });
		const changed = await saveCampusNetworks(locals.db, user.id, parsed.data.campusNetworks);
		return { ok: changed ? `已保存：${parsed.data.campusNetworks.length ? `${parsed.data.campusNetworks.length} 条校园网络` : '不限校园网络'}` : '没有修改' };
	}
} satisfies Actions;
