import { fail } from '@sveltejs/kit';
import { field, id, optionalText, parseId } from '$lib/validation/fields';
import { parseForm } from '$lib/validation/form';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { parsePaging } from '$lib/server/http/paging';
import { recordEntry } from '$lib/server/development/records/entries';
import { todayInShanghai } from '$lib/server/development/engine/dates';
import { leagueAccess, leagueFilter, leaguePage } from '$lib/server/league/list';
import { once } from '$lib/server/http/idempotency';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { paths, branches } = await leagueAccess(locals.db);
	const filter = leagueFilter(url, branches);
	const { page, pageSize } = parsePaging(url);
	const { rows, total } = await leaguePage(locals.db, paths, filter, page, pageSize);
	return {
		branches,
		filter: { branch: filter.branch ?? null, q: filter.q ?? '', status: filter.status ?? '' },
		today: todayInShanghai(),
		total,
		page,
		pageSize,
		rows
	};
};

// The date is recordEntry's to judge (its message names the day); the kind comes from a select.
const nominationForm = z.object({
	personId: id('人员'),
	kind: z.enum(['league_recommendation', 'league_opinion'], { error: '请选择推优方式' }),
	on: z.string({ error: '请填写日期' }).default(''),
	note: optionalText('说明', 500)
});

export const actions = {
	default: async ({ locals, request }) => {
		const { user } = await leagueAccess(locals.db);
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'development.nomination' }, async (trx) => {
			const parsed = await parseForm(form, nominationForm);
			if (!parsed.ok && parsed.errors.personId) return fail(404, { personId: 0, errors: ['未找到该人员'] });
			if (!parsed.ok) return fail(400, { personId: parseId(field(form, 'personId')) ?? 0, errors: [parsed.message] });
			const { personId, kind, on, note } = parsed.data;
			const r = await recordEntry(trx, user, personId, { kind: 'nomination', occurredOn: on, details: { kind, note } });
			if (!r.ok) return fail(r.status, { personId, errors: r.errors });
			return { personId, ok: r.message };
		});
	}
} satisfies Actions;
