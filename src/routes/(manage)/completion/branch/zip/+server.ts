import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { branchFilter, branchRows, branchScope, filterRows } from '$lib/server/completion/branch';
import { certificatesZip } from '$lib/server/completion/branch-export';
import { shanghaiDate } from '$lib/time/shanghai';

export const GET: RequestHandler = async ({ locals, url }) => {
	const paths = branchScope(requireUser());
	if (paths.length === 0) error(403, '您没有权限下载证书');
	const rows = filterRows(await branchRows(locals.db, paths), branchFilter(url));
	const { count, bytes } = await certificatesZip(locals.db, rows);
	if (count === 0) error(404, '所选范围内没有有效的结业证书');
	return new Response(bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/zip',
			'cache-control': 'private, no-store',
			'content-disposition': `attachment; filename="certificates.zip"; filename*=UTF-8''${encodeURIComponent(`结业证书-${shanghaiDate(new Date())}.zip`)}`
		}
	});
};
