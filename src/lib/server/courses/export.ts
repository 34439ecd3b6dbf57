import JSZip from 'jszip';
import { stringify } from 'yaml';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { courseCategoryLabels } from '$lib/labels';

// A course as a content/ folder (see content/README.md): course.md, NN-slug.md lessons
// from the published versions, and the files they use under figures/ with the Markdown
// pointing there. /teach/import reads the same shape back.

/** `figures/<name>` where a src or a Markdown link starts. */
export const FIGURE_REF = /(?<=["'(])figures\/([^"'()\s]+)/g;
const FILE_REF = /\/files\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/g;

/** A name that is safe in a path and in a Markdown link: no spaces, slashes or quotes. */
function figureName(name: string, taken: Set<string>) {
	const clean = name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+/, '') || 'file';
	const dot = clean.lastIndexOf('.');
	const [stem, ext] = dot > 0 ? [clean.slice(0, dot), clean.slice(dot)] : [clean, ''];
	let candidate = clean;
	for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${ext}`;
	taken.add(candidate.toLowerCase());
	return candidate;
}

const withFrontmatter = (data: Record<string, unknown>, body: string) => `---\n${stringify(data).trimEnd()}\n---\n${body.trim()}\n`;

export async function exportCourse(db: Kysely<Database>, courseId: number) {
	const course = await db.selectFrom('course').selectAll().where('id', '=', courseId).executeTakeFirst();
	if (!course) return undefined;
	const lessons = await db
		.selectFrom('lesson as l')
		.innerJoin('lessonVersion as v', 'v.id', 'l.publishedVersionId')
		.select(['l.slug', 'v.title', 'v.creditHours', 'v.required', 'v.body'])
		.where('l.courseId', '=', courseId)
		.orderBy('l.sortOrder')
		.orderBy('l.id')
		.execute();

	const ids = new Set(lessons.flatMap((l) => [...l.body.matchAll(FILE_REF)].map((m) => m[1])));
	const names = new Set(lessons.flatMap((l) => [...l.body.matchAll(FIGURE_REF)].map((m) => m[1])));
	const [byId, byName] = await Promise.all([
		ids.size ? db.selectFrom('storedFile').select(['id', 'name', 'data']).where('id', 'in', [...ids]).execute() : [],
		// content/ lessons keep `figures/x.svg` in their body; the sync stored x.svg for the course.
		names.size
			? db.selectFrom('storedFile').select(['id', 'name', 'data']).where('courseId', '=', courseId).where('name', 'in', [...names]).orderBy('createdAt', 'desc').execute()
			: []
	]);

	const folder = course.code.toLowerCase();
	const zip = new JSZip();
	const dir = zip.folder(folder)!;
	const taken = new Set<string>();
	const renamed = new Map<string, string>();
	const add = (ref: string, f: { name: string; data: Uint8Array }) => {
		if (renamed.has(ref)) return;
		const name = figureName(f.name, taken);
		dir.file(`figures/${name}`, f.data);
		renamed.set(ref, `figures/${name}`);
	};
	for (const f of byName) add(`figures/${f.name}`, f);
	for (const f of byId) add(`/files/${f.id}`, f);
	const rewrite = (body: string) =>
		body.replace(FILE_REF, (ref) => renamed.get(ref) ?? ref).replace(FIGURE_REF, (ref) => renamed.get(ref) ?? ref);

	dir.file(
		'course.md',
		withFrontmatter(
			{
				title: course.title,
				code: course.code,
				category: courseCategoryLabels[course.category],
				description: course.description,
				creditHours: course.creditHours,
				certificateValidityMonths: course.certificateValidityMonths
			},
			''
		)
	);
	lessons.forEach((l, i) => {
		const order = i + 1;
		const meta = { title: l.title, order, creditHours: l.creditHours, required: l.required };
		dir.file(`${String(order).padStart(2, '0')}-${l.slug}.md`, withFrontmatter(meta, rewrite(l.body)));
	});
	const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', platform: 'UNIX' });
	return { fileName: `${folder}.zip`, bytes, lessons: lessons.length };
}
