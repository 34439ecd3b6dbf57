import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import type { CompletionRule } from './rule';
import { parseId } from '$lib/validation/fields';

// Blank means "this part is off".
const optionalNumber = (label: string, max: number, decimals: boolean) =>
	z
		.string()
		.trim()
		.optional()
		.refine((v) => !v || ((decimals ? /^\d{1,3}(\.\d)?$/ : /^\d{1,5}$/).test(v) && Number(v) <= max), `${label}应为 0–${max} 之间的${decimals ? '数字，最多一位小数' : '整数'}`)
		.transform((v) => (v ? Number(v) : null));

export const ruleInput = z
	.object({
		requireLessons: z.string().optional().transform((v) => v === 'on' || v === '1'),
		minOnlineHours: optionalNumber('线上学时要求', 999, true),
		onlineHoursCap: optionalNumber('线上学时上限', 999, true),
		minAttendanceRate: optionalNumber('出勤率要求', 100, false),
		maxUnexcusedAbsences: optionalNumber('无故缺勤上限', 99, false),
		requireFinalExam: z.string().optional().transform((v) => v === 'on' || v === '1'),
		finalExamId: z
			.string()
			.trim()
			.optional()
			.refine((v) => !v || parseId(v) !== null, '请选择结业考试')
			.transform((v) => (v ? parseId(v) : null)),
		reflectionMinChars: optionalNumber('心得体会字数要求', 20000, false)
	})
	.refine((r) => r.onlineHoursCap === null || r.onlineHoursCap > 0, { path: ['onlineHoursCap'], message: '线上学时上限应大于 0' })
	.refine((r) => r.onlineHoursCap === null || r.minOnlineHours === null || r.onlineHoursCap >= r.minOnlineHours, {
		path: ['onlineHoursCap'],
		message: '线上学时上限不能低于线上学时要求'
	})
	.refine((r) => r.reflectionMinChars === null || r.reflectionMinChars >= 1, { path: ['reflectionMinChars'], message: '字数要求至少为 1' });

/** Saves the rule when it differs from the one in force (the default counts as in force); audited. */
export async function saveRule(db: Kysely<Database>, actorId: number, cohortId: number, current: CompletionRule, next: CompletionRule) {
	if (JSON.stringify(current) === JSON.stringify(next)) return false;
	await transact(db, async (trx) => {
		const values = { ...next, updatedBy: actorId, updatedAt: new Date() };
		await trx
			.insertInto('completionRule')
			.values({ cohortId, ...values })
			.onConflict((oc) => oc.column('cohortId').doUpdateSet(values))
			.execute();
		await appendAudit(trx, { actorId, action: 'completion.rule', entityType: 'cohort', entityId: cohortId, before: current, after: next });
	});
	return true;
}
