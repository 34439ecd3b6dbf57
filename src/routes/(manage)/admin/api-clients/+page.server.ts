import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { schoolWide } from '$lib/server/auth/authz';
import { once } from '$lib/server/http/idempotency';
import { createApiClient, listApiClients, revokeApiClient } from '$lib/server/api-clients/tokens';
import { many, parseForm } from '$lib/validation/form';
import { id, text } from '$lib/validation/fields';

/** Tokens read people of whole units: only the school admin hands them out. */
function admin() {
	const user = requireUser();
	if (!schoolWide(user, 'api_client.manage')) error(403, '只有组织部/党校管理员可以管理接口令牌');
	return user;
}

const createForm = z.object({
	name: text('系统名称', { min: 1, max: 60 }),
	orgUnitId: many(id('组织')).refine((ids) => ids.length > 0, '请至少选择一个组织').refine((ids) => ids.length <= 50, '最多选择 50 个组织'),
	requestsPerMinute: z
		.string({ error: '请填写每分钟请求上限' })
		.trim()
		.regex(/^\d{1,5}$/, '每分钟请求上限须为整数')
		.transform(Number)
		.refine((n) => n >= 1 && n <= 10000, '每分钟请求上限须在 1 到 10000 之间')
});

const revokeForm = z.object({ clientId: id('令牌') });

export const load: PageServerLoad = async ({ locals }) => {
	admin();
	const [clients, units] = await Promise.all([
		listApiClients(locals.db),
		locals.db.selectFrom('orgUnit').select(['id', 'name', 'path']).where('archivedAt', 'is', null).orderBy('path').execute()
	]);
	return { clients, units: units.map((u) => ({ id: u.id, name: u.name, depth: u.path.split('/').filter(Boolean).length - 1 })) };
};

export const actions = {
	create: async ({ locals, request }) => {
		const user = admin();
		const parsed = await parseForm(request, createForm);
		if (!parsed.ok) return parsed.failure;
		const orgUnitIds = [...new Set(parsed.data.orgUnitId)];
		const found = await locals.db.selectFrom('orgUnit').select('id').where('id', 'in', orgUnitIds).where('archivedAt', 'is', null).execute();
		if (found.length !== orgUnitIds.length) return fail(400, { message: '所选组织不存在或已撤销，请刷新页面后重新选择', field: 'orgUnitId', errors: {} });
		// The token leaves only through this closure: what `once` keeps for a double click is the
		// client's id, never the token, so a replay says it was created without showing it again.
		const shown: { token?: string } = {};
		const created = await once(locals.db, parsed.form, { personId: user.id, action: 'api_client.create' }, async (trx) => {
			const c = await createApiClient(trx, user.id, { name: parsed.data.name, orgUnitIds, requestsPerMinute: parsed.data.requestsPerMinute });
			shown.token = c.token;
			return { createdId: c.id };
		});
		return { createdId: created.createdId, token: shown.token ?? null, name: parsed.data.name };
	},
	revoke: async ({ locals, request }) => {
		const user = admin();
		const parsed = await parseForm(request, revokeForm);
		if (!parsed.ok) return parsed.failure;
		const done = await revokeApiClient(locals.db, user.id, parsed.data.clientId);
		return { ok: done ? '已撤销：该令牌立即失效' : '该令牌已撤销或不存在' };
	}
} satisfies Actions;
