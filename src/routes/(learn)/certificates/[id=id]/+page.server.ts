import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { text } from '$lib/validation/fields';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { certificateFor } from '$lib/server/certificates/access';
import { certificateHistory, reissueCertificate, revokeCertificate } from '$lib/server/certificates/manage';
import { certificateState, certificateStateLabels } from '$lib/server/certificates/verify';
import { shanghaiDate } from '$lib/time/shanghai';

const reasonInput = z.object({
	reason: text('原因', { min: 2, max: 200 })
});

export const load: PageServerLoad = async ({ locals, params }) => {
	const { certificate, canManage } = await certificateFor(locals.db, Number(params.id), requireUser());
	const state = certificateState(certificate, shanghaiDate(new Date()));
	return {
		certificate,
		state,
		stateLabel: certificateStateLabels[state],
		canManage,
		history: await certificateHistory(locals.db, certificate.cohortId, certificate.personId)
	};
};

async function managed(locals: App.Locals, id: number) {
	const user = requireUser();
	const found = await certificateFor(locals.db, id, user);
	if (!found.canManage) error(403, '只有培训班的管理者可以撤销或重新颁发证书');
	return { user, certificate: found.certificate };
}

export const actions = {
	revoke: async ({ locals, params, request }) => {
		const { user, certificate } = await managed(locals, Number(params.id));
		const parsed = reasonInput.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { action: 'revoke', message: parsed.error.issues[0].message });
		const r = await revokeCertificate(locals.db, { certificateId: certificate.id, actorId: user.id, reason: parsed.data.reason });
		if (!r.ok) return fail(400, { action: 'revoke', message: r.message });
		return { action: 'revoke', ok: `证书 ${r.serial} 已撤销` };
	},
	reissue: async ({ locals, params, request, url }) => {
		const { user, certificate } = await managed(locals, Number(params.id));
		const parsed = reasonInput.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { action: 'reissue', message: parsed.error.issues[0].message });
		const r = await reissueCertificate(locals.db, { certificateId: certificate.id, actorId: user.id, reason: parsed.data.reason, origin: url.origin });
		if (!r.ok) return fail(400, { action: 'reissue', message: r.message });
		redirect(303, `/certificates/${r.id}?reissued=1`);
	}
} satisfies Actions;
