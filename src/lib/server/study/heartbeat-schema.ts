import { z } from 'zod';
import { MAX_RANGES_PER_BEAT, MAX_VIDEO_SECONDS } from '$lib/study/constants';

const second = z.number({ error: '视频时间应为数字' }).min(0, '视频时间不能为负').max(MAX_VIDEO_SECONDS, '视频时间超出范围');

/** One heartbeat as the tracker sends it (fetch or sendBeacon). */
export const heartbeatSchema = z.object({
	lessonId: z.number({ error: '缺少课时编号' }).int('课时编号无效').positive('课时编号无效'),
	tab: z.string({ error: '缺少页面标识' }).regex(/^[A-Za-z0-9_-]{6,64}$/, '页面标识无效'),
	seq: z.number({ error: '缺少序号' }).int('序号无效').min(0, '序号无效').max(2_147_483_647, '序号无效'),
	reachedEnd: z.boolean({ error: '“已读到末尾”应为是或否' }).default(false),
	pause: z.boolean({ error: '“暂停”应为是或否' }).default(false),
	video: z.array(z.tuple([second, second]), { error: '视频观看区间格式错误' }).max(MAX_RANGES_PER_BEAT, '视频观看区间过多').default([]),
	videoDuration: z.number({ error: '视频时长应为数字' }).positive('视频时长无效').max(MAX_VIDEO_SECONDS, '视频时长无效').nullish()
}, { error: '心跳数据应为一个对象' });

export type HeartbeatBody = z.infer<typeof heartbeatSchema>;

/** The body as text → a valid beat, or a Chinese message. Text, because sendBeacon posts text/plain. */
export function parseHeartbeat(text: string): { ok: true; beat: HeartbeatBody } | { ok: false; message: string } {
	if (text.length > 16_384) return { ok: false, message: '心跳数据过大' };
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return { ok: false, message: '心跳数据不是有效的 JSON' };
	}
	const parsed = heartbeatSchema.safeParse(raw);
	if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? '心跳数据无效' };
	return { ok: true, beat: parsed.data };
}
