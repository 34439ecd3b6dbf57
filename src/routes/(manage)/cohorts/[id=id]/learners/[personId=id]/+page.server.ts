import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { cohortFor } from '$lib/server/cohorts/context';
import { seesLearner } from '$lib/server/cohorts/access';
import { cohortProgress, learnerLessons } from '$lib/server/cohorts/progress';
import { getPerson } from '$lib/server/people/repository';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { cohort, access } = await cohortFor(locals.db, Number(params.id), requireUser());
	const person = await getPerson(locals.db, Number(params.personId));
	// Scope first, so that someone outside it learns nothing about who is enrolled.
	if (person && !seesLearner(access, person.orgPath)) error(403, '您没有权限查看该学员的学习进度');
	const [learner] = person ? await cohortProgress(locals.db, cohort.id, { personIds: [person.id] }) : [];
	if (!learner) error(404, '该人员不是本培训班的学员');
	return { cohort: { id: cohort.id, name: cohort.name }, learner, lessons: await learnerLessons(locals.db, cohort.id, learner.personId) };
};
