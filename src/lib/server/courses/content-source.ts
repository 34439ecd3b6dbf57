import type { Component } from 'svelte';
import { courseFrontmatter, lessonFrontmatter, splitFrontmatter, type CourseFrontmatter, type LessonFrontmatter } from '$lib/courses/frontmatter';

// content/ is compiled into the server bundle by mdsvex: every instance carries the same
// courses, and the start-up sync writes them to the shared database.
const compiled = import.meta.glob<{ default: Component }>('/content/courses/*/*.md', { eager: true });
const sources = import.meta.glob<string>('/content/courses/*/*.md', { eager: true, query: '?raw', import: 'default' });
const svgFigures = import.meta.glob<string>('/content/courses/*/figures/*.svg', { eager: true, query: '?raw', import: 'default' });
const imageFigures = import.meta.glob<string>('/content/courses/*/figures/*.{png,jpg,jpeg,webp,gif}', {
	eager: true,
	query: '?inline',
	import: 'default'
});
const questionBanks = import.meta.glob<string>('/content/courses/*/questions.yaml', { eager: true, query: '?raw', import: 'default' });

export interface ContentLesson {
	slug: string;
	file: string;
	meta: LessonFrontmatter;
	body: string;
	component: Component;
}

export interface ContentFigure {
	name: string;
	contentType: string;
	bytes: Uint8Array;
}

export interface ContentCourse {
	folder: string;
	meta: CourseFrontmatter;
	intro: string;
	lessons: ContentLesson[];
	figures: ContentFigure[];
	questionsYaml: string | null;
}

const mimeOf: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' };

function dataUrlBytes(url: string) {
	const [head, data] = url.split(',', 2);
	return head.endsWith(';base64') ? new Uint8Array(Buffer.from(data, 'base64')) : new TextEncoder().encode(decodeURIComponent(data));
}

/** The courses in content/courses, validated (the build already refused bad front matter). */
export function contentCourses(): ContentCourse[] {
	const byFolder = new Map<string, ContentCourse>();
	const folderOf = (path: string) => path.split('/')[3];
	for (const [path, source] of Object.entries(sources)) {
		if (!path.endsWith('/course.md')) continue;
		const { data, body } = splitFrontmatter(source);
		byFolder.set(folderOf(path), {
			folder: folderOf(path),
			meta: courseFrontmatter.parse(data),
			intro: body.trim(),
			lessons: [],
			figures: [],
			questionsYaml: questionBanks[path.replace(/course\.md$/, 'questions.yaml')] ?? null
		});
	}
	for (const [path, source] of Object.entries(sources)) {
		const course = byFolder.get(folderOf(path));
		const file = path.split('/').pop()!;
		if (!course || file === 'course.md') continue;
		const { data, body } = splitFrontmatter(source);
		course.lessons.push({
			slug: file.replace(/^\d+-/, '').replace(/\.md$/, ''),
			file,
			meta: lessonFrontmatter.parse(data),
			body: body.trim(),
			component: compiled[path].default
		});
	}
	for (const [path, svg] of Object.entries(svgFigures)) {
		byFolder.get(folderOf(path))?.figures.push({ name: path.split('/').pop()!, contentType: 'image/svg+xml', bytes: new TextEncoder().encode(svg) });
	}
	for (const [path, url] of Object.entries(imageFigures)) {
		const name = path.split('/').pop()!;
		byFolder.get(folderOf(path))?.figures.push({ name, contentType: mimeOf[name.split('.').pop()!.toLowerCase()], bytes: dataUrlBytes(url) });
	}
	for (const course of byFolder.values()) course.lessons.sort((a, b) => a.meta.order - b.meta.order);
	return [...byFolder.values()];
}
