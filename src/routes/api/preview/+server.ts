import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { readJson } from '$lib/server/http/json-body';
import { requireScope } from '$lib/server/auth/guard';
import { lessonMarkdownProblems, renderLessonMarkdown } from '$lib/server/courses/markdown';

const input = z.object({ body: z.string().max(200_000) });

/** The editor's live preview: the very renderer publishing uses, so preview = published. */
export const POST: RequestHandler = async ({ request }) => {
	requireScope('course.author');
	const { body } = await readJson(request, input, '正文过长或格式不正确');
	return json({ html: renderLessonMarkdown(body), problems: lessonMarkdownProblems(body) });
};
