import type { RequestHandler } from './$types';
import { recordFor } from '$lib/server/completion/record-access';
import { trainingRecord } from '$lib/server/completion/records';
import { recordPdf } from '$lib/server/completion/record-export';

export const GET: RequestHandler = async ({ locals, params }) => {
	const { person } = await recordFor(locals.db, Number(params.personId));
	const bytes = await recordPdf(person, await trainingRecord(locals.db, person.id), new Date());
	return new Response(bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/pdf',
			'cache-control': 'private, no-store',
			'content-disposition': `attachment; filename="record.pdf"; filename*=UTF-8''${encodeURIComponent(`培训档案-${person.name}-${person.username}.pdf`)}`
		}
	});
};
