import { fail } from '@sveltejs/kit';
import { field, optionalText, parseId } from '$lib/validation/fields';
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

export const actions = {
	default: async ({ locals, request }) => {
		const { user } = await leagueAccess(locals.db);
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'development.nomination' }, async (trx) => {
			const personId = parseId(form.get('personId'));
			if (personId === null) return fail(404, { personId: 0, errors: ['未找到该人员'] });
			const kind = form.get('kind') === 'league_opinion' ? 'league_opinion' : 'league_recommendation';
			const note = optionalText('说明', 500).safeParse(field(form, 'note'));
			if (!note.success) return fail(400, { personId, errors: [note.error.issues[0].message] });
			const r = await recordEntry(trx, user, personId, { kind: 'nomination', occurredOn: field(form, 'on'), details: { kind, note: note.data } });
			if (!r.ok) return fail(r.status, { personId, errors: r.errors });
			return { personId, ok: r.message };
		});
	}
} satisfies Actions;
