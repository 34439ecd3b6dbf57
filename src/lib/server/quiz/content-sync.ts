import { sql, type Kysely } from 'kysely';
import { parse as parseYaml } from 'yaml';
import type { Database } from '../db/schema';
import { appendAudit } from '../audit/log';
import { contentCourses } from '../courses/content-source';
import { checkQuestion, type QuestionInput } from './question-schema';
import { regradeQuestions } from './grading';
import { jsonb } from './jsonb';
import { forgetPools } from './pool';

const SYNC_LOCK = 7_320_004;

export interface ContentBank {
	code: string;
	folder: string;
	yaml: string;
}

/** questions.yaml → bank questions keyed by their id ('act-001'); throws naming every bad entry. */
export function parseQuestionsYaml(yaml: string, file: string): Map<string, QuestionInput> {
	const raw = parseYaml(yaml) as unknown;
	if (!Array.isArray(raw)) throw new Error(`${file}：题库须为 YAML 列表`);
	const out = new Map<string, QuestionInput>();
	const problems: string[] = [];
	const seen = new Set<string>();
	raw.forEach((item: Record<string, unknown>, i) => {
		const code = typeof item?.id === 'string' ? item.id : '';
		if (!/^[a-z]+-\d{3,}$/.test(code)) problems.push(`第 ${i + 1} 项：id 须形如 act-001`);
		else if (seen.has(code)) problems.push(`${code}：id 重复`);
		seen.add(code);
		const checked = checkQuestion({ chapter: null, tag: '', ...item, options: item?.options ?? [] });
		if (!checked.ok) problems.push(`${code || `第 ${i + 1} 项`}：${checked.errors.join('；')}`);
		else if (code) out.set(code, checked.value);
	});
	if (problems.length) throw new Error(`${file} 有 ${problems.length} 处问题：\n${problems.join('\n')}`);
	return out;
}

const same = (a: QuestionInput, b: QuestionInput) => JSON.stringify([a.type, a.chapter, a.tag, a.difficulty, a.stem, a.options, a.answer, a.explanation]) === JSON.stringify([b.type, b.chapter, b.tag, b.difficulty, b.stem, b.options, b.answer, b.explanation]);

/**
 * Writes the question banks of content/ courses (matched by course code) into the database:
 * new questions are added, changed ones updated (a changed key regrades the attempts that
 * answered it), removed ones archived. Idempotent; run after the course sync on every start.
 */
export async function syncContentQuestions(db: Kysely<Database>, banks: ContentBank[] = contentBanks()) {
	return db.transaction().execute(async (trx) => {
		await sql`select pg_advisory_xact_lock(${SYNC_LOCK})`.execute(trx);
		const changes: string[] = [];
		const rekeyed: number[] = [];
		for (const bank of banks) {
			const course = await trx.selectFrom('course').select(['id', 'source']).where('code', '=', bank.code).executeTakeFirst();
			if (!course || course.source !== 'content') continue;
			const wanted = parseQuestionsYaml(bank.yaml, `content/courses/${bank.folder}/questions.yaml`);
			const existing = await trx.selectFrom('question').selectAll().where('courseId', '=', course.id).where('source', '=', 'content').execute();
			const byCode = new Map(existing.map((q) => [q.code!, q]));
			for (const [code, input] of wanted) {
				const old = byCode.get(code);
				if (!old) {
					await trx.insertInto('question').values({ ...input, answer: jsonb(input.answer), courseId: course.id, code, source: 'content' }).execute();
					changes.push(`${code} 新增`);
					continue;
				}
				const keyChanged = JSON.stringify([old.type, old.answer]) !== JSON.stringify([input.type, input.answer]);
				if (same(old as QuestionInput, input) && old.archivedAt === null) continue;
				await trx
					.updateTable('question')
					.set({ ...input, answer: jsonb(input.answer), archivedAt: null, updatedAt: new Date(), keyVersion: keyChanged ? old.keyVersion + 1 : old.keyVersion })
					.where('id', '=', old.id)
					.execute();
				if (keyChanged) rekeyed.push(old.id);
				changes.push(`${code} ${keyChanged ? '答案已更正' : '已更新'}`);
			}
			const gone = existing.filter((q) => !wanted.has(q.code!) && q.archivedAt === null).map((q) => q.id);
			if (gone.length) {
				await trx.updateTable('question').set({ archivedAt: new Date() }).where('id', 'in', gone).execute();
				changes.push(...existing.filter((q) => gone.includes(q.id)).map((q) => `${q.code} 已停用`));
			}
		}
		const regraded = await regradeQuestions(trx, rekeyed);
		if (changes.length) {
			await appendAudit(trx, { actorId: null, action: 'question.sync', entityType: 'question', entityId: null, after: { changes, regraded } });
		}
		return { changes, regraded };
	}).finally(() => forgetPools(db));
}

export function contentBanks(): ContentBank[] {
	return contentCourses().flatMap((c) => (c.questionsYaml ? [{ code: c.meta.code, folder: c.folder, yaml: c.questionsYaml }] : []));
}
