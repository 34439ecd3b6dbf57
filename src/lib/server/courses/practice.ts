import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { contentCourses } from './content-source';

// Practice questions embedded in lessons (<Practice id="act-012" />) come from the
// courses' question banks in content/. They are build data, so one parse per process.
const question = z.object({
	id: z.string(),
	type: z.enum(['single', 'multiple', 'true_false', 'fill_blank']),
	chapter: z.number().optional(),
	difficulty: z.number().optional(),
	stem: z.string(),
	options: z.array(z.coerce.string()).optional(),
	answer: z.union([z.number(), z.array(z.number()), z.boolean(), z.array(z.coerce.string())]),
	explanation: z.string().default('')
});
export type PracticeQuestion = z.infer<typeof question>;

let bank: Map<string, PracticeQuestion> | undefined;

export function practiceQuestion(id: string) {
	bank ??= new Map(
		contentCourses().flatMap((c) => (c.questionsYaml ? z.array(question).parse(parseYaml(c.questionsYaml)) : [])).map((q) => [q.id, q])
	);
	return bank.get(id);
}

/** Full/half-width, spaces and case folded, so '民主集中制 ' matches '民主集中制'. */
export function normaliseFill(text: string) {
	return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

export function checkPractice(q: PracticeQuestion, answer: unknown) {
	switch (q.type) {
		case 'single':
			return answer === q.answer;
		case 'true_false':
			return answer === q.answer;
		case 'multiple': {
			const want = [...(q.answer as number[])].sort().join(',');
			return Array.isArray(answer) && [...answer].sort().join(',') === want;
		}
		case 'fill_blank':
			return typeof answer === 'string' && (q.answer as string[]).some((a) => normaliseFill(a) === normaliseFill(answer));
	}
}
