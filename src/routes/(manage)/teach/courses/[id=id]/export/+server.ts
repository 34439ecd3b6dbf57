import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { authorizeCourse } from '$lib/server/courses/access';
import { exportCourse } from '$lib/server/courses/export';

/** The course as a content/ folder in a ZIP: published versions only, files under figures/. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { course } = await authorizeCourse(locals.db, Number(params.id), 'course.author');
	const out = await exportCourse(locals.db, course.id);
	if (!out) error(404, '未找到该课程');
	return new Response(out.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/zip',
			'content-length': String(out.bytes.byteLength),
			'content-disposition': `attachment; filename="${out.fileName}"`,
			'cache-control': 'no-store'
		}
	});
};
