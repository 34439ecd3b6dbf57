import type { PageServerLoad } from './$types';
import { recordFor } from '$lib/server/completion/record-access';
import { trainingRecord } from '$lib/server/completion/records';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { user, person } = await recordFor(locals.db, Number(params.personId));
	return { person, own: user.id === person.id, record: await trainingRecord(locals.db, person.id) };
};
