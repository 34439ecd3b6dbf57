import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { listOrgUnits } from '$lib/server/org/units';
import { cohortFor } from '$lib/server/cohorts/context';
import { branchCompletion, cohortLearnerPage, learnerFilter } from '$lib/server/cohorts/learners';
import { instructorOptions } from '$lib/server/cohorts/repository';
import { cohortFormValues, cohortUpdateInput } from '$lib/server/cohorts/schema';
import { setCohortStatus, updateCohort } from '$lib/server/cohorts/service';
import { CohortClosedError, enrollCandidates, enrollPeople, peopleInPaths, peopleOfStage, withdrawLearner } from '$lib/server/cohorts/enroll';
import { enrollFromList, type ListRowError } from '$lib/server/cohorts/enroll-list';
import { fieldErrors } from '$lib/people/schema';
import { politicalStatuses } from '$lib/domain';
import { id, parseId } from '$lib/validation/fields';
import { chosenFile, many, parseForm } from '$lib/validation/form';
import { z } from 'zod';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser();
	const { cohort, access } = await cohortFor(locals.db, Number(params.id), user);
	const filter = learnerFilter(url);
	const who = url.searchParams.get('who')?.trim().slice(0, 40) ?? '';
	const canEnroll = access.enrollPaths.length > 0;
	const paths = access.learnerPaths ?? undefined;
	const [learners, branches, instructors, enrollUnits, candidates] = await Promise.all([
		cohortLearnerPage(locals.db, cohort.id, paths, filter),
		branchCompletion(locals.db, cohort.id, paths),
		access.manage ? instructorOptions(locals.db) : [],
		canEnroll ? listOrgUnits(locals.db, access.enrollPaths) : [],
		canEnroll && who ? enrollCandidates(locals.db, cohort.id, access.enrollPaths, who) : []
	]);
	return {
		cohort,
		access: { manage: access.manage, enroll: canEnroll },
		created: url.searchParams.has('created'),
		branches,
		learners: learners.rows.map((r) => ({
			...r,
			canWithdraw: cohort.status === 'open' && access.enrollPaths.some((p) => r.orgPath.startsWith(p))
		})),
		total: learners.total,
		everyone: branches.reduce((n, b) => n + b.total, 0),
		filter: { q: filter.q ?? '', branch: filter.branchId ?? null, todo: filter.todo },
		page: filter.page,
		pageSize: filter.pageSize,
		instructors,
		enrollUnits: enrollUnits.filter((u) => !u.archivedAt).map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
		who,
		candidates
	};
};

async function forAction(event: RequestEvent) {
	const user = requireUser();
	const ctx = await cohortFor(event.locals.db, Number(event.params.id), user);
	return { user, ...ctx, form: await event.request.formData() };
}

async function forEnrollment(event: RequestEvent) {
	const ctx = await forAction(event);
	if (ctx.access.enrollPaths.length === 0) error(403, '您没有权限为该培训班报名');
	return ctx;
}

const enrollFail = (message: string, rowErrors: ListRowError[] = []) => fail(400, { action: 'enroll', message, rowErrors });

function closedOr(e: unknown) {
	if (e instanceof CohortClosedError) return enrollFail(e.message);
	throw e;
}

// The fixed fields of each action's form. Ids PostgreSQL's integer holds: 99999999999999999999
// among the ticked people is no one, not a database error.
const peopleForm = z.object({ personId: many(z.unknown()).transform((vs) => vs.map((v) => parseId(v as FormDataEntryValue)).filter((n): n is number => n !== null)) });
const statusForm = z.object({ status: z.enum(['open', 'closed'], { error: '请选择培训班状态' }) });
const stageForm = z.object({
	unitId: id('组织'),
	status: z.enum(politicalStatuses, { error: '请选择发展阶段' })
});
const listForm = z.object({ file: chosenFile('请选择名单文件') });

export const actions = {
	update: async (event) => {
		const { user, cohort, access, form } = await forAction(event);
		if (!access.manage) error(403, '您没有权限修改该培训班');
		const values = cohortFormValues(form);
		const parsed = cohortUpdateInput.safeParse(values);
		if (!parsed.success) return fail(400, { action: 'update', values, errors: fieldErrors(parsed.error), message: '请修正标出的字段' });
		const result = await updateCohort(event.locals.db, user.id, cohort.id, parsed.data, Number(cohort.courseHours));
		if (!result.ok) return fail(400, { action: 'update', values, errors: result.errors, message: '请修正标出的字段' });
		return { action: 'update', ok: result.changed ? '已保存' : '没有需要保存的修改' };
	},
	status: async (event) => {
		const { user, cohort, access, form } = await forAction(event);
		if (!access.manage) error(403, '您没有权限修改该培训班');
		const parsed = await parseForm(form, statusForm);
		if (!parsed.ok) return fail(400, { action: 'status', message: parsed.message });
		const { status } = parsed.data;
		await setCohortStatus(event.locals.db, user.id, cohort.id, status);
		return { action: 'status', ok: status === 'closed' ? '培训班已关闭' : '培训班已重新开放' };
	},
	enrollPick: async (event) => {
		const { user, cohort, access, form } = await forEnrollment(event);
		const parsed = await parseForm(form, peopleForm);
		if (!parsed.ok) return enrollFail(parsed.message);
		const picked = [...new Set(parsed.data.personId)];
		if (picked.length === 0) return enrollFail('请先勾选要报名的人员');
		const allowed = await peopleInPaths(event.locals.db, picked, access.enrollPaths);
		if (allowed.length !== picked.length) {
			return enrollFail(`所选人员中有 ${picked.length - allowed.length} 人不在您可为本培训班报名的范围内（或账号已停用），未报名任何人`);
		}
		try {
			const r = await enrollPeople(event.locals.db, { actorId: user.id, cohortId: cohort.id, personIds: allowed, detail: { source: 'pick' } });
			return { action: 'enroll', ok: `已报名 ${r.added} 人${r.already ? `，${r.already} 人此前已报名` : ''}` };
		} catch (e) {
			return closedOr(e);
		}
	},
	enrollStage: async (event) => {
		const { user, cohort, access, form } = await forEnrollment(event);
		const parsed = await parseForm(form, stageForm);
		if (!parsed.ok) return enrollFail('请选择您管理范围内的组织和发展阶段');
		const { unitId, status } = parsed.data;
		const unit = (await listOrgUnits(event.locals.db, access.enrollPaths)).find((u) => u.id === unitId);
		if (!unit) return enrollFail('请选择您管理范围内的组织和发展阶段');
		const people = await peopleOfStage(event.locals.db, unit.path, status);
		if (people.length === 0) return enrollFail(`${unit.name}没有处于该阶段的人员`);
		try {
			const r = await enrollPeople(event.locals.db, { actorId: user.id, cohortId: cohort.id, personIds: people, detail: { source: 'stage', unitId: unit.id, status } });
			return { action: 'enroll', ok: `${unit.name}：已报名 ${r.added} 人${r.already ? `，${r.already} 人此前已报名` : ''}` };
		} catch (e) {
			return closedOr(e);
		}
	},
	enrollList: async (event) => {
		const { user, cohort, access, form } = await forEnrollment(event);
		const parsed = await parseForm(form, listForm);
		if (!parsed.ok) return enrollFail(parsed.message);
		const { file } = parsed.data;
		try {
			const r = await enrollFromList(event.locals.db, {
				actorId: user.id,
				cohortId: cohort.id,
				paths: access.enrollPaths,
				fileName: file.name,
				bytes: new Uint8Array(await file.arrayBuffer())
			});
			if (!r.ok) return enrollFail(r.message, r.errors);
			return { action: 'enroll', ok: `名单导入完成：已报名 ${r.added} 人${r.already ? `，${r.already} 人此前已报名` : ''}` };
		} catch (e) {
			return closedOr(e);
		}
	},
	withdraw: async (event) => {
		const { user, cohort, access, form } = await forEnrollment(event);
		const parsed = await parseForm(form, peopleForm);
		const [allowed] = parsed.ok ? await peopleInPaths(event.locals.db, parsed.data.personId.slice(0, 1), access.enrollPaths, { activeOnly: false }) : [];
		if (!allowed) error(403, '您没有权限为该学员办理退出');
		try {
			const removed = await withdrawLearner(event.locals.db, user.id, cohort.id, allowed);
			return { action: 'withdraw', ok: removed ? '已将该学员移出培训班' : '该学员已不在培训班中' };
		} catch (e) {
			return closedOr(e);
		}
	}
} satisfies Actions;
