import { describe, expect, it } from 'vitest';
import { parseHeartbeat } from './heartbeat-schema';

describe('parseHeartbeat', () => {
	it('accepts a beat as the tracker sends it, with defaults', () => {
		expect(parseHeartbeat('{"lessonId":3,"tab":"a1b2c3d4","seq":0}')).toEqual({
			ok: true,
			beat: { lessonId: 3, tab: 'a1b2c3d4', seq: 0, reachedEnd: false, pause: false, video: [] }
		});
	});

	it.each([
		['{"lessonId":', '心跳数据不是有效的 JSON'],
		['"{\\"lessonId\\":1}"', '心跳数据应为一个对象'],
		['[1,2]', '心跳数据应为一个对象'],
		['null', '心跳数据应为一个对象'],
		['{"tab":"a1b2c3d4","seq":0}', '缺少课时编号'],
		['{"lessonId":3,"tab":"x","seq":0}', '页面标识无效'],
		['{"lessonId":3,"tab":"a1b2c3d4","seq":-1}', '序号无效'],
		['{"lessonId":3,"tab":"a1b2c3d4","seq":0,"video":[[5,"x"]]}', '视频时间应为数字'],
		[`{"pad":"${'x'.repeat(17_000)}"}`, '心跳数据过大']
	])('refuses %s with a Chinese message', (body, message) => {
		expect(parseHeartbeat(body)).toEqual({ ok: false, message });
	});
});
