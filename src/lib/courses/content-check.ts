import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { frontmatterProblems, isLessonFile, splitFrontmatter } from './frontmatter.ts';

/** Every problem in content/courses: bad front matter, misnamed files, duplicate codes or orders. */
export function checkContent(root: string): string[] {
	const dir = join(root, 'content', 'courses');
	if (!existsSync(dir)) return [];
	const problems: string[] = [];
	const codes = new Map<string, string>();
	for (const folder of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
		const courseDir = join(dir, folder.name);
		const rel = (f: string) => relative(root, join(courseDir, f));
		if (!existsSync(join(courseDir, 'course.md'))) {
			problems.push(`${rel('')}: 缺少 course.md`);
			continue;
		}
		const courseSource = readFileSync(join(courseDir, 'course.md'), 'utf8');
		const courseProblems = frontmatterProblems(rel('course.md'), courseSource, 'course');
		problems.push(...courseProblems);
		if (!courseProblems.length) {
			const code = String((splitFrontmatter(courseSource).data as { code: string }).code);
			if (codes.has(code)) problems.push(`${rel('course.md')}: 字段 code：与 ${codes.get(code)} 重复`);
			codes.set(code, rel('course.md'));
		}
		const orders = new Map<number, string>();
		for (const file of readdirSync(courseDir).filter((f) => f.endsWith('.md') && f !== 'course.md')) {
			if (!isLessonFile(file)) {
				problems.push(`${rel(file)}: 课时文件名应为 NN-英文短名.md（如 01-nature-and-aims.md）`);
				continue;
			}
			const source = readFileSync(join(courseDir, file), 'utf8');
			const lessonProblems = frontmatterProblems(rel(file), source, 'lesson');
			problems.push(...lessonProblems);
			if (!lessonProblems.length) {
				const order = Number((splitFrontmatter(source).data as { order: number }).order);
				if (orders.has(order)) problems.push(`${rel(file)}: 字段 order：与 ${orders.get(order)} 重复`);
				orders.set(order, file);
			}
		}
	}
	return problems;
}
