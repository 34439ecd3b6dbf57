import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { can } from '$lib/server/auth/authz';
import { certificateSettings, DEFAULT_PATTERN, saveCertificateSettings } from '$lib/server/certificates/settings';
import { patternProblem, serialFormat } from '$lib/server/certificates/serial';
import { text } from '$lib/validation/fields';

const input = z.object({
	pattern: text('编号格式', { min: 1, max: 80 }).refine((p) => patternProblem(p) === null, { error: (i) => patternProblem(String(i.input)) ?? '' }),
	prefix: text('编号前缀', { min: 1, max: 12 }).regex(/^[A-Za-z0-9-]+$/, '前缀只能包含字母、数字和连字符'),
	issuingBody: text('颁发单位', { min: 2, max: 30 }),
	verifyLimitPerMinute: z.coerce.number({ error: '请填写整数' }).int('请填写整数').min(5, '不少于 5 次').max(100000, '不超过 100000 次')
});

/** School-wide settings (settings.manage at the root): the school admin. */
async function admin(locals: App.Locals) {
	const user = requireUser();
	const root = await locals.db.selectFrom('orgUnit').select('path').where('parentId', 'is', null).orderBy('id').limit(1).executeTakeFirst();
	if (!root || !can(user, 'settings.manage', { orgPath: root.path })) error(403, '只有组织部/党校管理员可以修改证书设置');
	return user;
}

const example = (pattern: string, prefix: string) =>
	serialFormat(pattern, { prefix, year: new Date().getFullYear(), cohortNo: '45', cohortId: 7, courseCode: 'ACT' }).serial(12);

export const load: PageServerLoad = async ({ locals }) => {
	await admin(locals);
	const settings = await certificateSettings(locals.db);
	return { settings, example: example(settings.pattern, settings.prefix), defaultPattern: DEFAULT_PATTERN };
};

export const actions = {
	default: async ({ locals, request }) => {
		const user = await admin(locals);
		const values = Object.fromEntries(await request.formData());
		const parsed = input.safeParse(values);
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
			return fail(400, { errors, values, message: '请修正标出的字段' });
		}
		const changed = await saveCertificateSettings(locals.db, user.id, parsed.data);
		return { ok: changed ? '已保存，新颁发的证书按新设置生成；已颁发的证书不变' : '没有需要保存的修改' };
	}
} satisfies Actions;
