import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { authorizeCourse } from '$lib/server/courses/access';
import { editableCourse, AuthoringError } from '$lib/server/courses/authoring';
import { maxUploadBytes } from '$lib/server/files/limits';
import { saveFile } from '$lib/server/files/store';

/** The Markdown that shows the file in a lesson. */
function snippet(file: { id: string; name: string; contentType: string }) {
	const label = file.name.replace(/\.[^.]+$/, '').replace(/["<>[\]]/g, '');
	const src = `/files/${file.id}`;
	if (file.contentType.startsWith('image/')) return `\n\n<Figure src="${src}" caption="${label}" />\n\n`;
	if (file.contentType.startsWith('video/')) return `\n\n<Video src="${src}" title="${label}" />\n\n`;
	// Captions belong inside a <Video … /> tag; the editor tells the author to move it there.
	if (file.contentType.startsWith('text/vtt')) return ` captions="${src}"`;
	return `[${label}](${src})`;
}

/** POST multipart (field `file`): stores an image, PDF, video or captions file for the course. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const { user } = await authorizeCourse(locals.db, Number(params.id), 'course.author');
	const courseId = Number(params.id);
	try {
		await editableCourse(locals.db, courseId);
	} catch (e) {
		if (e instanceof AuthoringError) return json({ message: e.message }, { status: 400 });
		throw e;
	}
	// Refuse before reading a body that cannot be stored anyway (multipart adds a little).
	if (Number(request.headers.get('content-length') ?? 0) > maxUploadBytes + 64 * 1024) {
		return json({ message: `文件过大：视频不超过 ${maxUploadBytes / 1024 / 1024} MB，图片和 PDF 更小` }, { status: 413 });
	}
	const form = await request.formData().catch(() => null);
	const file = form?.get('file');
	if (!(file instanceof File)) return json({ message: '请选择要上传的文件' }, { status: 400 });
	const saved = await saveFile(locals.db, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), courseId, actorId: user.id });
	if (!saved.ok) return json({ message: saved.message }, { status: 400 });
	return json({ ...saved, url: `/files/${saved.id}`, snippet: snippet(saved) }, { status: 201 });
};
