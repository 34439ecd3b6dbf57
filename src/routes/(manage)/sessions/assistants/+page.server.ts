import { error, fail } from '@sveltejs/kit';
import { id, text } from '$lib/validation/fields';
import { parseForm } from '$lib/validation/form';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { intParam } from '$lib/server/http/paging';
import { sessionAccess } from '$lib/server/attendance/access';
import { cohortForClassSessions } from '$lib/server/attendance/class-sessions';
import { addAssistant, listAssistants, removeAssistant } from '$lib/server/attendance/assistants';
import { once } from '$lib/server/http/idempotency';

async function cohortOf(locals: App.Locals, url: URL) {
	const user = requireUser();
	const id = intParam(url, 'cohort');
	const cohort = id ? await cohortForClassSessions(locals.db, id, user.id) : undefined;
	if (!cohort) error(404, '未找到该培训班');
	const access = sessionAccess(user, cohort);
	if (!access.view) error(403, '您没有权限查看该培训班');
	return { user, cohort, access };
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const { cohort, access } = await cohortOf(locals, url);
	return {
		cohort: { id: cohort.id, name: cohort.name },
		canEdit: access.edit,
		assistants: (await listAssistants(locals.db, cohort.id)).map((a) => ({ id: a.id, name: a.name, username: a.username, orgName: a.orgName }))
	};
};

export const actions = {
	add: async ({ locals, url, request }) => {
		const { user, cohort, access } = await cohortOf(locals, url);
		if (!access.edit) error(403, '只有培训班的授课教师或管理人员可以指定考勤助理');
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'attendance.assistant' }, async (trx) => {
			const parsed = await parseForm(form, z.object({ username: text('学号/工号', { min: 1, max: 40 }) }));
			if (!parsed.ok) return fail(400, { username: '', message: parsed.message });
			const { username } = parsed.data;
			const r = await addAssistant(trx, user, cohort.id, username);
			return r.ok ? { ok: `已指定 ${r.name} 为考勤助理` } : fail(400, { username, message: r.message });
		});
	},
	remove: async ({ locals, url, request }) => {
		const { user, cohort, access } = await cohortOf(locals, url);
		if (!access.edit) error(403, '只有培训班的授课教师或管理人员可以撤销考勤助理');
		const parsed = await parseForm(request, z.object({ personId: id('考勤助理') }));
		const done = parsed.ok && (await removeAssistant(locals.db, user.id, cohort.id, parsed.data.personId));
		return done ? { ok: '已撤销考勤助理' } : fail(400, { message: '该考勤助理已不存在' });
	}
} satisfies Actions;
