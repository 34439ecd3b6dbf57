import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { RequestEvent } from '@sveltejs/kit';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { BAD_INPUT_MESSAGE, REFUSED_BY_DATABASE_HEADER, answeringBadInput, badInputError, isBadInputError } from './db-errors';

let t: OpenDatabase;
beforeAll(async () => {
	t = await testDatabase();
});
afterAll(() => t.close());

const refusal = (query: Promise<unknown>) => query.then(() => null, (e: unknown) => e);

describe('PostgreSQL refusing the data is bad input, answered 400', () => {
	it('recognises data exceptions and missing references from the real engine, nothing else', async () => {
		const nul = await refusal(sql`select ${'党\u0000校'}::text`.execute(t.db));
		const date = await refusal(sql`select ${'2026-02-30'}::date`.execute(t.db));
		const int = await refusal(sql`select ${'99999999999999999999'}::integer`.execute(t.db));
		const fk = await refusal(t.db.insertInto('roleAssignment').values({ personId: 2_147_483_647, role: 'secretary', orgUnitId: 2_147_483_647 }).execute());
		for (const e of [nul, date, int, fk]) expect(isBadInputError(e), String(e)).toBe(true);
		const syntax = await refusal(sql`selec 1`.execute(t.db));
		expect(isBadInputError(syntax)).toBe(false);
		expect(isBadInputError(new Error('boom'))).toBe(false);
	});

	it('turns the 500 of such a request into a 400 with the Chinese message, and leaves other 500s alone', async () => {
		const e = await refusal(sql`select ${'2026-02-30'}::date`.execute(t.db));
		const request = new Request('http://x/leave', { method: 'POST' });
		const event = { request, url: new URL(request.url) } as unknown as RequestEvent;
		expect(badInputError({ error: e, event, status: 500, message: 'Internal Error' })).toEqual({ message: BAD_INPUT_MESSAGE });
		const handle = answeringBadInput(async () => new Response('{"message":"…"}', { status: 500, headers: { 'content-type': 'application/json' } }));
		const answered = await handle({ event, resolve: async () => new Response() });
		expect(answered.status).toBe(400);
		expect(answered.headers.get('content-type')).toBe('application/json');
		expect(answered.headers.get(REFUSED_BY_DATABASE_HEADER)).toBe('database');

		const other = { request: new Request('http://x/'), url: new URL('http://x/') } as unknown as RequestEvent;
		expect(badInputError({ error: new Error('boom'), event: other, status: 500, message: 'Internal Error' })).toBeUndefined();
		expect((await handle({ event: other, resolve: async () => new Response() })).status).toBe(500);
	});
});
