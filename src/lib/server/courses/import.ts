import JSZip from 'jszip';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { courseFrontmatter, frontmatterProblems, isLessonFile, lessonFrontmatter, splitFrontmatter } from '$lib/courses/frontmatter';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import { checkUpload, maxUploadBytes } from '../files/limits';
import { unpackBudget } from '../spreadsheet/unzip';
import { storeFile } from '../files/store';
import { FIGURE_REF } from './export';
import { lessonMarkdownProblems } from './markdown';
import { publishLocked } from './versions';

// A content/ folder as a ZIP (what /teach/courses/[id]/export writes, or a folder from
// content/courses zipped by hand) becomes a browser course. All or nothing: every problem
// is reported with the file (and field or line) it is in, and nothing is written.

const MAX_ENTRIES = 500;
const MAX_UNPACKED = 300 * 1024 * 1024;

export type ImportResult =
	| { ok: true; courseId: number; code: string; lessons: number; files: number; notes: string[] }
	| { ok: false; errors: string[] };

interface Lesson {
	file: string;
	slug: string;
	order: number;
	title: string;
	creditHours: number;
	required: boolean;
	body: string;
}

// A ZIP's stated sizes are only a first check (they cost nothing); the bytes are counted as they
// inflate, each entry against its own limit and all of them against MAX_UNPACKED.
const uncompressedSize = (entry: JSZip.JSZipObject) => (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
const MAX_MARKDOWN = 1024 * 1024;
const MB = 1024 * 1024;

type Budget = ReturnType<typeof unpackBudget>;

/** The entry's bytes, or the reason it is refused: past its limit, past the archive's, or broken. */
async function unpack(budget: Budget, entry: JSZip.JSZipObject, limit: number): Promise<Uint8Array | string> {
	const within = Math.min(limit, budget.left);
	let bytes: Uint8Array | null;
	try {
		bytes = await budget.inflate(entry, limit);
	} catch {
		return '文件已损坏，无法解压';
	}
	if (bytes) return bytes;
	return within < limit ? ARCHIVE_TOO_LARGE : `解压后超过 ${limit / MB} MB`;
}
const ARCHIVE_TOO_LARGE = `压缩包解压后超过 ${MAX_UNPACKED / MB} MB`;

export async function importCourse(db: Kysely<Database>, actorId: number, zipBytes: Uint8Array, options: { code?: string; publish: boolean; orgUnitId?: number | null }): Promise<ImportResult> {
	let zip: JSZip;
	try {
		zip = await JSZip.loadAsync(zipBytes);
	} catch {
		return { ok: false, errors: ['上传的文件不是有效的 ZIP 压缩包'] };
	}
	const entries = Object.values(zip.files).filter((e) => !e.dir && !e.name.startsWith('__MACOSX/') && !e.name.endsWith('.DS_Store'));
	if (entries.length > MAX_ENTRIES) return { ok: false, errors: [`压缩包内文件过多（${entries.length} 个，最多 ${MAX_ENTRIES} 个）`] };
	if (entries.reduce((n, e) => n + uncompressedSize(e), 0) > MAX_UNPACKED) return { ok: false, errors: [ARCHIVE_TOO_LARGE] };

	const courseFiles = entries.filter((e) => e.name.split('/').pop() === 'course.md');
	if (courseFiles.length !== 1) {
		return { ok: false, errors: [courseFiles.length ? `压缩包中有 ${courseFiles.length} 个 course.md，一次只能导入一门课程` : '压缩包中没有 course.md（课程说明）'] };
	}
	const prefix = courseFiles[0].name.slice(0, -'course.md'.length);
	const errors: string[] = [];
	const notes: string[] = [];

	const budget = unpackBudget(MAX_UNPACKED);
	let archiveTooLarge = false;
	const bytesOf = async (entry: JSZip.JSZipObject, limit: number) => {
		const bytes = await unpack(budget, entry, limit);
		if (bytes === ARCHIVE_TOO_LARGE) archiveTooLarge = true;
		else if (typeof bytes === 'string') errors.push(`${entry.name.slice(prefix.length)}: ${bytes}`);
		return typeof bytes === 'string' ? null : bytes;
	};
	const text = async (entry: JSZip.JSZipObject) => {
		const bytes = await bytesOf(entry, MAX_MARKDOWN);
		return bytes && new TextDecoder().decode(bytes);
	};
	const courseSource = await text(courseFiles[0]);
	if (courseSource === null) return { ok: false, errors };
	errors.push(...frontmatterProblems('course.md', courseSource, 'course'));
	const course = errors.length ? null : courseFrontmatter.parse(splitFrontmatter(courseSource).data);
	const code = options.code || course?.code;
	if (code && !/^[A-Z][A-Z0-9-]{1,19}$/.test(code)) errors.push(`课程代码 ${code} 格式不正确：应为 2–20 位大写字母、数字或短横线`);
	else if (code && (await db.selectFrom('course').select('id').where('code', '=', code).executeTakeFirst())) {
		errors.push(`课程代码 ${code} 已存在：请在“新课程代码”中另填一个`);
	}

	const figures = new Map<string, { name: string; bytes: Uint8Array }>();
	const lessons: Lesson[] = [];
	for (const entry of entries) {
		if (archiveTooLarge) return { ok: false, errors: [ARCHIVE_TOO_LARGE] };
		if (!entry.name.startsWith(prefix) || entry === courseFiles[0]) continue;
		const rel = entry.name.slice(prefix.length);
		if (rel.startsWith('figures/') && !rel.slice(8).includes('/')) {
			const name = rel.slice(8);
			const bytes = await bytesOf(entry, maxUploadBytes);
			if (!bytes) continue;
			const check = checkUpload(name, bytes);
			if (!check.ok) errors.push(`${rel}: ${check.message}`);
			else figures.set(name, { name, bytes });
		} else if (rel.endsWith('.md') && !rel.includes('/')) {
			if (!isLessonFile(rel)) {
				errors.push(`${rel}: 课时文件名应为 NN-英文短名.md（如 01-nature-and-aims.md）`);
				continue;
			}
			const source = await text(entry);
			if (source === null) continue;
			const problems = frontmatterProblems(rel, source, 'lesson');
			errors.push(...problems);
			if (problems.length) continue;
			const { data, body } = splitFrontmatter(source);
			const meta = lessonFrontmatter.parse(data);
			if (meta.order !== Number(rel.slice(0, 2))) errors.push(`${rel}: 字段 order：应与文件名序号 ${Number(rel.slice(0, 2))} 一致`);
			if (!body.trim()) errors.push(`${rel}: 正文为空`);
			const offset = source.slice(0, source.length - body.length).split('\n').length - 1;
			for (const p of lessonMarkdownProblems(body.replace(FIGURE_REF, '/files/00000000-0000-4000-8000-000000000000'))) {
				errors.push(`${rel}: ${p.replace(/^第 (\d+) 行/, (_, n: string) => `第 ${Number(n) + offset} 行`)}`);
			}
			lessons.push({ file: rel, slug: rel.slice(3, -3), order: meta.order, title: meta.title, creditHours: meta.creditHours, required: meta.required, body: body.trim() });
		} else {
			notes.push(`${rel} 未导入（只导入 course.md、课时文件和 figures/ 中的文件）`);
		}
	}
	if (archiveTooLarge) return { ok: false, errors: [ARCHIVE_TOO_LARGE] };
	lessons.sort((a, b) => a.order - b.order);
	for (const [i, l] of lessons.entries()) {
		if (i && lessons[i - 1].order === l.order) errors.push(`${l.file}: 字段 order：与 ${lessons[i - 1].file} 重复`);
		if (lessons.findIndex((o) => o.slug === l.slug) !== i) errors.push(`${l.file}: 英文短名 ${l.slug} 与其他课时重复`);
		for (const m of l.body.matchAll(FIGURE_REF)) {
			if (!figures.has(m[1])) errors.push(`${l.file}: 引用的 figures/${m[1]} 不在压缩包中`);
		}
	}
	if (!errors.length && !lessons.length) errors.push('压缩包中没有课时文件（NN-英文短名.md）');
	if (errors.length || !course || !code) return { ok: false, errors };

	return transact(db, async (trx) => {
		const { id: courseId } = await trx
			.insertInto('course')
			.values({
				code, title: course.title, category: course.category, description: course.description, creditHours: course.creditHours,
				certificateValidityMonths: course.certificateValidityMonths ?? 24, orgUnitId: options.orgUnitId ?? null, source: 'browser', createdBy: actorId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const urls = new Map<string, string>();
		for (const f of figures.values()) {
			const saved = await storeFile(trx, { name: f.name, bytes: f.bytes, courseId, actorId }, false);
			if (!saved.ok) throw new Error(saved.message); // checked above
			urls.set(f.name, `/files/${saved.id}`);
		}
		for (const [i, l] of lessons.entries()) {
			const { id } = await trx
				.insertInto('lesson')
				.values({
					courseId, slug: l.slug, sortOrder: i + 1, title: l.title, creditHours: l.creditHours, required: l.required,
					draftBody: l.body.replace(FIGURE_REF, (ref, name: string) => urls.get(name) ?? ref), draftUpdatedAt: new Date(), draftUpdatedBy: actorId
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			if (options.publish) await publishLocked(trx, id, actorId, { audit: false });
		}
		await appendAudit(trx, {
			actorId, action: 'course.import', entityType: 'course', entityId: courseId,
			after: { code, title: course.title, lessons: lessons.map((l) => l.slug), files: figures.size, published: options.publish }
		});
		return { ok: true as const, courseId, code, lessons: lessons.length, files: figures.size, notes };
	});
}
