import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { seedStudy } from '../../../test-support/study';
import { createSession, generateSessionToken } from '../auth/session';
import { heartbeatRoute } from './fast-routes';
import { serveFastRoute } from '../../../test-support/http';

// The heartbeat fast path over real HTTP, as scripts/serve.js puts it in front of SvelteKit:
// what it answers itself, and what it leaves to SvelteKit.
let t: OpenDatabase;
let server: Awaited<ReturnType<typeof serveFastRoute>>;
let base: string;
const ORIGIN = 'http://school.example';

beforeAll(async () => {
	t = await testDatabase();
	// ORIGIN as people write it: a trailing slash and the default port mean the same origin.
	server = await serveFastRoute(heartbeatRoute(t.db, 'http://school.example:80/'));
	base = server.base;
});
afterAll(async () => {
	await server.close();
	await t.close();
});

async function signedIn() {
	const s = await seedStudy(t.db, [{ creditHours: 1 }]);
	const personId = await s.person();
	await t.db.updateTable('person').set({ mustChangePassword: false }).where('id', '=', personId).execute();
	const token = generateSessionToken();
	await createSession(t.db, token, personId);
	return { lessonId: s.lessonIds[0], personId, cookie: `theme=dark; dx_session=${token}` };
}

const post = (body: string, headers: Record<string, string>, path = '/api/study/heartbeat') =>
	fetch(base + path, { method: 'POST', body, headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers } });
const beat = (lessonId: number, seq: number) => JSON.stringify({ lessonId, tab: 'fast-tab', seq, reachedEnd: false, video: [] });

describe('the heartbeat fast route', () => {
	it('records a beat for the signed-in learner and knows a resend', async () => {
		const { lessonId, personId, cookie } = await signedIn();
		const first = await post(beat(lessonId, 1), { cookie });
		expect(first.status).toBe(200);
		expect(first.headers.get('cache-control')).toBe('no-store');
		expect(first.headers.get('x-content-type-options')).toBe('nosniff');
		expect(await first.json()).toMatchObject({ duplicate: false, credited: 0, secondsCredited: 0 });
		const again = await post(beat(lessonId, 1), { cookie });
		expect(await again.json()).toMatchObject({ duplicate: true, credited: 0 });
		const clock = await t.db.selectFrom('studyClock').select('lastSeq').where('personId', '=', personId).executeTakeFirstOrThrow();
		expect(clock.lastSeq).toBe(1);
	});

	it('accepts a same-site sendBeacon (text/plain with our Origin)', async () => {
		const { lessonId, cookie } = await signedIn();
		const res = await post(beat(lessonId, 1), { cookie, 'content-type': 'text/plain;charset=UTF-8' });
		expect(res.status).toBe(200);
	});

	it('refuses beats from another site, or form-like posts without an Origin, and records nothing', async () => {
		const { lessonId, personId, cookie } = await signedIn();
		const other = await post(beat(lessonId, 1), { cookie, origin: 'https://evil.example', 'content-type': 'text/plain' });
		expect(other.status).toBe(403);
		expect((await other.json()).message).toBe('禁止从其他网站提交学习记录');
		const headers = { cookie, 'content-type': 'text/plain' } as Record<string, string>;
		const noOrigin = await fetch(base + '/api/study/heartbeat', { method: 'POST', body: beat(lessonId, 2), headers });
		expect(noOrigin.status).toBe(403);
		expect(await t.db.selectFrom('studyClock').select('personId').where('personId', '=', personId).executeTakeFirst()).toBeUndefined();
	});

	it('answers 401 without a session or with a forged one, 400 for a bad or oversized body, in Chinese', async () => {
		const { lessonId, cookie } = await signedIn();
		const none = await post(beat(lessonId, 1), {});
		expect(none.status).toBe(401);
		expect((await none.json()).message).toContain('登录已失效');
		expect((await post(beat(lessonId, 1), { cookie: 'dx_session=forged' })).status).toBe(401);
		const bad = await post('{"lessonId":', { cookie });
		expect(bad.status).toBe(400);
		expect((await bad.json()).message).toBe('心跳数据不是有效的 JSON');
		const huge = await post(JSON.stringify({ pad: 'x'.repeat(40_000) }), { cookie });
		expect(huge.status).toBe(400);
		expect((await huge.json()).message).toBe('心跳数据过大');
	});

	it('leaves every other request to SvelteKit', async () => {
		const { lessonId, cookie } = await signedIn();
		expect((await fetch(base + '/api/study/heartbeat', { headers: { cookie } })).status).toBe(299);
		expect((await post(beat(lessonId, 1), { cookie }, '/api/study/heartbeat?x=1')).status).toBe(299);
		expect((await post(beat(lessonId, 1), { cookie }, '/courses')).status).toBe(299);
	});

	it('without ORIGIN takes the address the site was opened on as its own, and still refuses other sites', async () => {
		const { lessonId, cookie } = await signedIn();
		const noOrigin = await serveFastRoute(heartbeatRoute(t.db, undefined));
		try {
			// Opened as http://127.0.0.1:<port> (no ORIGIN says so): the beats' Origin is that address.
			const lan = { cookie, origin: new URL(noOrigin.base).origin, 'content-type': 'application/json' };
			const own = await fetch(`${noOrigin.base}/api/study/heartbeat`, { method: 'POST', body: beat(lessonId, 1), headers: lan });
			expect(own.status).toBe(200);
			const other = await fetch(`${noOrigin.base}/api/study/heartbeat`, { method: 'POST', body: beat(lessonId, 1), headers: { ...lan, origin: 'https://evil.example' } });
			expect(other.status).toBe(403);
		} finally {
			await noOrigin.close();
		}
	});
});
