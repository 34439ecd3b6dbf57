import { z } from 'zod';
import { isCalendarDate } from '$lib/people/schema';

const date = (label: string) =>
	z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).refine(isCalendarDate, `${label}格式应为 YYYY-MM-DD`);

const fields = {
	name: z.string({ error: '请填写培训班名称' }).trim().min(1, '请填写培训班名称').max(60, '培训班名称不能超过 60 个字'),
	startsOn: date('开始日期'),
	endsOn: date('结束日期'),
	// Blank means "the course's hours"; numeric(5,1) holds one decimal.
	requiredHours: z
		.string()
		.trim()
		.optional()
		.refine((v) => !v || (/^\d{1,3}(\.\d)?$/.test(v) && Number(v) > 0), '要求学时应为 0.1–999 之间的数字，最多一位小数')
		.transform((v) => (v ? Number(v) : null)),
	instructorIds: z.array(z.coerce.number().int().positive()).max(20, '授课教师最多 20 位').default([])
};

const datesInOrder = (d: { startsOn: string; endsOn: string }) => d.endsOn >= d.startsOn;
const orderMessage = { path: ['endsOn'], message: '结束日期不能早于开始日期' };

export const cohortCreateInput = z
	.object({
		courseId: z.coerce.number({ error: '请选择课程' }).int().positive('请选择课程'),
		orgUnitId: z.coerce.number({ error: '请选择举办单位' }).int().positive('请选择举办单位'),
		...fields
	})
	.refine(datesInOrder, orderMessage);
export type CohortCreateInput = z.infer<typeof cohortCreateInput>;

/** Course and scope stay fixed once learners may have enrolled. */
export const cohortUpdateInput = z.object(fields).refine(datesInOrder, orderMessage);
export type CohortUpdateInput = z.infer<typeof cohortUpdateInput>;

/** A submitted form as the schemas take it: multi-valued instructor checkboxes as an array. */
export function cohortFormValues(form: FormData) {
	const values: Record<string, string | string[]> = {};
	for (const [k, v] of form) if (typeof v === 'string' && k !== 'instructorIds') values[k] = v;
	values.instructorIds = form.getAll('instructorIds').filter((v) => typeof v === 'string');
	return values;
}
