import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { parseForm } from '$lib/validation/form';
import { field } from '$lib/validation/fields';
import { calendarForm } from '$lib/server/development/settings/forms';
import { requireUser } from '$lib/server/auth/guard';
import { canAdministerDevelopment } from '$lib/server/development/access';
import { deleteCalendarYear, saveCalendarYear } from '$lib/server/development/settings/save';
import { todayInShanghai } from '$lib/server/development/engine/dates';

function admin() {
	const user = requireUser();
	if (!canAdministerDevelopment(user)) error(403, '只有组织部（党校）管理员可以维护工作日历');
	return user;
}

export const load: PageServerLoad = async ({ locals }) => {
	admin();
	const rows = await locals.db
		.selectFrom('developmentCalendar as c')
		.leftJoin('person as p', 'p.id', 'c.updatedBy')
		.select(['c.year', 'c.data', 'c.updatedAt', 'p.name as updatedByName'])
		.orderBy('c.year', 'desc')
		.execute();
	const thisYear = Number(todayInShanghai().slice(0, 4));
	return {
		years: rows.map((r) => ({ year: r.year, json: JSON.stringify(r.data, null, 2), updatedAt: r.updatedAt.toISOString(), updatedByName: r.updatedByName })),
		missing: [thisYear, thisYear + 1].filter((y) => !rows.some((r) => r.year === y)),
		example: JSON.stringify({ year: thisYear + 1, source: `国务院办公厅关于${thisYear + 1}年部分节假日安排的通知`, periods: [{ name: '元旦', from: `${thisYear + 1}-01-01`, to: `${thisYear + 1}-01-01`, makeUpWorkdays: [] }] }, null, 2)
	};
};

export const actions = {
	save: async ({ locals, request }) => {
		const user = admin();
		const parsed = await parseForm(request, calendarForm);
		if (!parsed.ok) return fail(400, { year: Number(field(parsed.form, 'year')), json: field(parsed.form, 'json'), errors: [parsed.message] });
		const year = Number(parsed.data.year);
		const { json } = parsed.data;
		const r = await saveCalendarYear(locals.db, user, year, json);
		if (!r.ok) return fail(r.status, { year, json, errors: r.errors });
		return { year, ok: r.message };
	},
	delete: async ({ locals, request }) => {
		const user = admin();
		const parsed = await parseForm(request, calendarForm.pick({ year: true }));
		if (!parsed.ok) return fail(400, { year: Number(field(parsed.form, 'year')), json: '', errors: [parsed.message] });
		const year = Number(parsed.data.year);
		const r = await deleteCalendarYear(locals.db, user, year);
		if (!r.ok) return fail(r.status, { year, json: '', errors: r.errors });
		return { year, ok: r.message };
	}
} satisfies Actions;
