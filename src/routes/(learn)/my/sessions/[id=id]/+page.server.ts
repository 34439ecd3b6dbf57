import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { sessionForLearner } from '$lib/server/attendance/learner';
import { attachmentTypes, MAX_ATTACHMENT_BYTES, requestLeave } from '$lib/server/attendance/leave';
import { attendanceStatusLabels, learnerSessionHeading, leaveStatusLabels } from '$lib/server/attendance/labels';
import { leaveInput } from '$lib/server/attendance/schema';
import { optionalFile, parseForm } from '$lib/validation/form';
import { field } from '$lib/validation/fields';
import { checkInClosesAt, checkInOpensAt, lateFrom } from '$lib/server/attendance/rules';
import { shanghaiDayTime, shanghaiTime } from '$lib/time/shanghai';
import { once } from '$lib/server/http/idempotency';

const leaveForm = leaveInput.extend({ attachment: optionalFile() });

async function mine(locals: App.Locals, id: number) {
	const user = requireUser();
	const s = await sessionForLearner(locals.db, id, user.id);
	if (!s) error(404, '未找到该课程，或您不是该培训班的学员');
	return { user, s };
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const { s } = await mine(locals, Number(params.id));
	const now = new Date();
	return {
		session: {
			...learnerSessionHeading(s),
			creditHours: Number(s.creditHours),
			checkIn: `${shanghaiDayTime(checkInOpensAt(s))} 开放，${shanghaiTime(lateFrom(s))} 后记为迟到，${shanghaiTime(checkInClosesAt(s))} 截止`,
			checkoutRequired: s.checkoutRequired
		},
		record: s.attendanceStatus
			? {
					status: attendanceStatusLabels[s.attendanceStatus],
					checkedInAt: s.checkedInAt ? shanghaiTime(s.checkedInAt) : null,
					checkedOutAt: s.checkedOutAt ? shanghaiTime(s.checkedOutAt) : null,
					reason: s.attendanceSource === 'checkin' ? null : s.attendanceReason
				}
			: null,
		leave: s.leaveId
			? { status: s.leaveStatus!, statusLabel: leaveStatusLabels[s.leaveStatus!], reason: s.leaveReason, note: s.decisionNote, fileName: s.fileName, id: s.leaveId }
			: null,
		canAskLeave: s.status === 'scheduled' && s.startsAt > now && s.leaveStatus !== 'approved' && !s.attendanceStatus
	};
};

export const actions = {
	leave: async ({ locals, params, request }) => {
		const { user, s } = await mine(locals, Number(params.id));
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'leave.request' }, async (trx) => {
			const parsed = await parseForm(form, leaveForm);
			const reason = field(form, 'reason');
			if (!parsed.ok) return fail(400, { reason, errors: parsed.errors, message: '请填写请假事由' });
			const file = parsed.data.attachment;
			let attachment = null;
			if (file) {
				if (file.size > MAX_ATTACHMENT_BYTES) return fail(400, { reason, errors: { attachment: '附件不能超过 5 MB' }, message: '请更换附件' });
				if (!attachmentTypes.includes(file.type)) return fail(400, { reason, errors: { attachment: '附件只能是 JPG、PNG、WebP 图片或 PDF' }, message: '请更换附件' });
				attachment = { name: file.name || 'attachment', contentType: file.type, data: new Uint8Array(await file.arrayBuffer()) };
			}
			const result = await requestLeave(trx, user.id, s.id, parsed.data.reason, attachment);
			if (!result.ok) return fail(400, { reason, errors: {}, message: result.message });
			return { ok: '请假申请已提交，请等待授课教师审批' };
		});
	}
} satisfies Actions;
