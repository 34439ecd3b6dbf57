import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { certificateFor, certificatePdf, pdfResponse } from '$lib/server/certificates/access';

export const GET: RequestHandler = async ({ locals, params }) => {
	const { certificate } = await certificateFor(locals.db, Number(params.id), requireUser());
	const file = await certificatePdf(locals.db, certificate.id);
	if (!file) error(503, '证书正在生成，请稍后再试');
	return pdfResponse(file.pdf, file.pdfSha256, `结业证书-${file.serial}-${file.holderName}.pdf`);
};
