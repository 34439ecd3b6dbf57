import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { schoolWide } from '$lib/server/auth/authz';
import { readStudySettings, saveStudySettings, STUDY_SETTING_LIMITS } from '$lib/server/study/settings';
import { parseForm } from '$lib/validation/form';

const { creditHourMinutes: hour, minLessonMinutes: lesson } = STUDY_SETTING_LIMITS;
const wholeMinutes = (label: string, { min, max }: { min: number; max: number }) =>
	z.coerce
		.number<string>({ error: `请填写${label}` })
		.int(`${label}须为整数分钟`)
		.min(min, `${label}不少于 ${min} 分钟`)
		.max(max, `${label}不超过 ${max} 分钟`);

const input = z.object({
	creditHourMinutes: z.string().trim().min(1, '请填写 1 学时的分钟数').pipe(wholeMinutes('1 学时的长度', hour)),
	// Empty: no fixed minimum, a lesson counts as read after half its 学时 (study/accounting.ts).
	minLessonMinutes: z
		.string()
		.trim()
		.transform((v, ctx) => {
			if (v === '') return null;
			const minutes = wholeMinutes('每课最少学习时间', lesson).safeParse(v);
			if (minutes.success) return minutes.data;
			ctx.addIssue({ code: 'custom', message: minutes.error.issues[0].message });
			return z.NEVER;
		})
});

/** School-wide settings: the school admin (settings.manage at the root). */
function admin() {
	const user = requireUser();
	if (!schoolWide(user, 'settings.manage')) error(403, '只有组织部/党校管理员可以修改系统设置');
	return user;
}

export const load: PageServerLoad = async ({ locals }) => {
	admin();
	return { settings: await readStudySettings(locals.db), limits: STUDY_SETTING_LIMITS };
};

export const actions = {
	default: async ({ locals, request }) => {
		const user = admin();
		const parsed = await parseForm(request, input);
		if (!parsed.ok) return parsed.failure;
		const changed = await saveStudySettings(locals.db, user.id, parsed.data);
		return { ok: changed ? '已保存：各实例在一分钟内按新设置计算学时' : '没有需要保存的修改' };
	}
} satisfies Actions;
