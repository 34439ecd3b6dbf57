import { describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { z } from 'zod';
import { text } from '$lib/validation/fields';
import { GuardedRequest } from './guarded-request';
import { NOT_JSON_MESSAGE, readJson } from './json-body';

const body = z.object({ code: text('签到码', { max: 6 }), seq: z.number().int().min(0) });

const post = (data: BodyInit, type = 'application/json') => new Request('http://x/api', { method: 'POST', headers: { 'content-type': type }, body: data });

/** A body sent in chunks, as adapter-node gives it to the hook's guard when there is no Content-Length. */
const chunked = (bytes: number) =>
	new Request('http://x/api', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(`{"code":"${'1'.repeat(bytes)}"}`)), c.close()) }),
		duplex: 'half'
	} as RequestInit);

/** The status and message an endpoint would answer with. */
async function refusal(read: Promise<unknown>) {
	try {
		await read;
	} catch (e) {
		if (isHttpError(e)) return { status: e.status, message: e.body.message };
		throw e;
	}
	return null;
}

describe('readJson: the JSON body of an endpoint, through a zod schema', () => {
	it('gives the parsed body', async () => {
		expect(await readJson(post('{"code":"123456","seq":1}'), body)).toEqual({ code: '123456', seq: 1 });
	});

	it('malformed JSON, the wrong shape or a bad value is a 400 in Chinese', async () => {
		for (const data of ['{', '', 'null', '[]', '{"code":"123456"}', '{"code":"党\\u0000校","seq":1}', '{"code":"1234567","seq":1}']) {
			const r = await refusal(readJson(post(data), body, '签到请求格式不正确'));
			expect(r?.status, data).toBe(400);
			expect(r?.message, data).toMatch(/[\u4e00-\u9fff]/);
		}
		expect(await refusal(readJson(post('[]'), body, '签到请求格式不正确'))).toEqual({ status: 400, message: '签到请求格式不正确' });
		expect(await refusal(readJson(post('{'), body))).toEqual({ status: 400, message: '提交的数据不是有效的 JSON' });
		// A field's own message says which field: the schema's Chinese, not zod's English.
		expect(await refusal(readJson(post('{"code":"1234567","seq":1}'), body))).toEqual({ status: 400, message: '签到码不能超过 6 个字' });
	});

	it('a body that is not JSON is a 415 (a cross-site form cannot send JSON)', async () => {
		for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', ''])
			expect(await refusal(readJson(post('{"code":"1","seq":1}', type), body)), type).toEqual({ status: 415, message: NOT_JSON_MESSAGE });
		expect(await readJson(post('{"code":"1","seq":1}', 'application/json; charset=utf-8'), body)).toEqual({ code: '1', seq: 1 });
	});

	it('a body past the route’s limit stays a 413, not a "malformed" 400', async () => {
		expect(await refusal(readJson(new GuardedRequest(chunked(2048), 1024, true), body))).toEqual({ status: 413, message: expect.stringMatching(/[\u4e00-\u9fff]/) });
	});
});
