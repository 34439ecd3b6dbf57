import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { rulesInEffect } from '$lib/server/development/context';
import { recordView } from '$lib/server/development/record-view';

// A mentor (培养联系人) or sponsor reads the record of the person they stand for, while they do.
export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requireUser();
	const id = Number(params.id);
	const link = Number.isInteger(id)
		? await locals.db
				.selectFrom('developmentSupporter')
				.select('id')
				.where('personId', '=', id)
				.where('supporterId', '=', user.id)
				.where('endedOn', 'is', null)
				.executeTakeFirst()
		: undefined;
	if (!link) error(403, '只有现任培养联系人或入党介绍人可以查看');
	const view = await recordView(locals.db, id, await rulesInEffect(locals.db));
	if (!view) error(404, '未找到该人员');
	return { view: { ...view, entries: view.entries.filter((e) => !e.voidedAt) } };
};
