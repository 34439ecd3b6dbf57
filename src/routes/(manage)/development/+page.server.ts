import type { PageServerLoad } from './$types';
import { parsePaging } from '$lib/server/http/paging';
import { rulesInEffect } from '$lib/server/development/settings/rules-in-effect';
import { assessPeople, duePerBranch, dueRows, pipelinePeople } from '$lib/server/development/reports/board';
import type { DueStatus } from '$lib/server/development/engine/due-items';
import { listFilter, staffScope } from './scope.server';

// 「本月到期 / 已超期」 for the viewer's branches: a secretary sees their branch, an organizer
// every branch under their committee with the counts per branch.
export const load: PageServerLoad = async ({ locals, url }) => {
	const { paths, branches, links } = await staffScope(locals.db);
	const filter = listFilter(url, branches);
	const status = url.searchParams.get('status');
	const statuses: DueStatus[] = status === 'overdue' || status === 'due_this_month' ? [status] : ['overdue', 'due_this_month'];
	const rules = await rulesInEffect(locals.db);
	const assessed = await assessPeople(locals.db, await pipelinePeople(locals.db, paths, filter), rules);
	const all = dueRows(assessed);
	const rows = all.filter((r) => statuses.includes(r.item.status));
	const { page, pageSize } = parsePaging(url);
	return {
		branches,
		links,
		filter: { branch: filter.orgUnitId ?? null, q: filter.q ?? '', status: status ?? '' },
		today: rules.today,
		// Only those who can enter the calendar are told it is missing; every affected deadline is tagged for all.
		missingCalendar: !links.admin || rules.calendarYears.includes(Number(rules.today.slice(0, 4)) + 1) ? null : Number(rules.today.slice(0, 4)) + 1,
		perBranch: branches.length > 1 ? duePerBranch(all) : [],
		total: rows.length,
		page,
		pageSize,
		rows: rows.slice((page - 1) * pageSize, page * pageSize).map((r) => ({
			personId: r.person.id,
			name: r.person.name,
			username: r.person.username,
			branchName: r.person.branchName,
			stage: r.person.stage,
			title: r.item.title,
			dueDate: r.item.dueDate,
			status: r.item.status,
			missingYears: r.item.missingYears ?? null
		}))
	};
};
