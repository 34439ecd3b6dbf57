import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildCompletion } from '../../../test-support/completion';
import { issueCertificates } from './issue';
import { revokeCertificate } from './manage';
import { NOT_FOUND_MESSAGE, RATE_LIMITED_MESSAGE } from './verify';
import { SETTING_KEYS } from './settings';
import { verifyRoute } from './verify-route';
import { serveFastRoute } from '../../../test-support/http';

// The verification page's fast route over real HTTP, as scripts/serve.js puts it in front of
// SvelteKit (299 here): what it answers itself, and what it leaves to SvelteKit.
// Behind a proxy, as the README's deployment sets it: the client is X-Forwarded-For's last address.
let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildCompletion>>;
let server: Awaited<ReturnType<typeof serveFastRoute>>;
let base: string;
let codes: { a1: string; m1: string };

beforeAll(async () => {
	t = await testDatabase();
	s = await buildCompletion(t.db);
	await issueCertificates(t.db, { cohortId: s.cohortId, actorId: s.users.admin.id, origin: 'http://school.example', now: new Date('2026-05-08T02:00:00Z') });
	const code = async (personId: number) =>
		(await t.db.selectFrom('certificate').select('verifyCode').where('personId', '=', personId).executeTakeFirstOrThrow()).verifyCode;
	codes = { a1: await code(s.learners.a1.id), m1: await code(s.learners.m1.id) };
	server = await serveFastRoute(verifyRoute(t.db, { ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' }));
	base = server.base;
});
afterAll(async () => {
	await server.close();
	await t.close();
});

const get = (path: string, client = '198.51.100.1', init: RequestInit = {}) =>
	fetch(base + path, { ...init, headers: { 'x-forwarded-for': `10.0.0.1, ${client}`, ...init.headers } });
const hitsOf = async (ip: string) =>
	Number((await t.db.selectFrom('verifyHit').select((eb) => eb.fn.sum<number>('hits').as('n')).where('ip', '=', ip).executeTakeFirst())?.n ?? 0);

describe('the verification fast route', () => {
	it('shows a valid certificate on the site’s page, with the masked name and nothing else', async () => {
		const res = await get(`/verify/${codes.a1}`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(res.headers.get('x-robots-tag')).toBe('noindex');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		const html = await res.text();
		expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(html));
		// app.html filled in, the signed-out layout, the result and the upload form.
		expect(html.startsWith('<!doctype html>')).toBe(true);
		expect(html).not.toContain('%sveltekit.');
		expect(html).toContain('<title>证书验证 · 网上党校</title>');
		expect(html).toContain('<a class="brand" href="/">网上党校</a>');
		expect(html).toContain('✔ 该证书真实有效');
		expect(html).toContain('<dd>张*</dd>');
		expect(html).toContain('<dd>第45期入党积极分子培训班</dd>');
		expect(html).toContain('<dd>2028年5月7日</dd>');
		expect(html).toMatch(/<code class="hash[^"]*">[0-9a-f]{64}<\/code>/);
		expect(html).toContain('action="?/check"');
		expect(html).toMatch(/<style>\s*:root\s*\{/);
		// No 学号, no full name, no menu.
		for (const secret of ['张一', s.learners.a1.username, 'id="site-nav"']) expect(html).not.toContain(secret);
	});

	it('says when a certificate is revoked, and 404 for a code nobody holds', async () => {
		const cert = await t.db.selectFrom('certificate').select('id').where('verifyCode', '=', codes.m1).executeTakeFirstOrThrow();
		await revokeCertificate(t.db, { certificateId: cert.id, actorId: s.users.admin.id, reason: '信息有误' });
		const revoked = await (await get(`/verify/${codes.m1}`)).text();
		expect(revoked).toContain('✖ 该证书已撤销');
		const missing = await get(`/verify/${'a'.repeat(32)}`);
		expect(missing.status).toBe(404);
		const html = await missing.text();
		// The site's error page (ErrorPage.svelte), as SvelteKit's +error.svelte shows it: titled, in Chinese.
		expect(html).toContain('<title>页面不存在 · 网上党校</title>');
		expect(html).toContain(`<p>${NOT_FOUND_MESSAGE}</p>`);
		expect(html).toContain('返回首页');
	});

	it('counts every hit against the client’s limit, and refuses past it', async () => {
		await t.db.insertInto('appSetting').values({ key: SETTING_KEYS.verifyLimit, value: 2 }).execute();
		try {
			const statuses = [];
			for (let i = 0; i < 3; i++) statuses.push((await get(`/verify/${codes.a1}`, '203.0.113.50')).status);
			expect(statuses).toEqual([200, 200, 429]);
			const refused = await get(`/verify/${'b'.repeat(32)}?from=qr`, '203.0.113.50');
			expect(refused.status).toBe(429);
			expect(await refused.text()).toContain(RATE_LIMITED_MESSAGE);
			expect(await hitsOf('203.0.113.50')).toBe(4);
			// Another client, and the proxy's own address, are not charged.
			expect((await get(`/verify/${codes.a1}`, '203.0.113.51')).status).toBe(200);
			expect(await hitsOf('10.0.0.1')).toBe(0);
		} finally {
			await t.db.deleteFrom('appSetting').where('key', '=', SETTING_KEYS.verifyLimit).execute();
		}
	});

	it('leaves everything else to SvelteKit, and counts nothing for it', async () => {
		const before = await hitsOf('198.51.100.9');
		const leftAlone = [
			get(`/verify/${codes.a1}?/check`, '198.51.100.9', { method: 'POST', body: new FormData() }),
			get(`/verify/${codes.a1}`, '198.51.100.9', { method: 'HEAD' }),
			get(`/verify/${codes.a1}/`, '198.51.100.9'),
			get(`/verify/${codes.a1.toUpperCase()}`, '198.51.100.9'),
			get(`/verify/${codes.a1}x`, '198.51.100.9'),
			get('/verify', '198.51.100.9'),
			// adapter-node refuses a request without the configured address header; SvelteKit says so.
			fetch(`${base}/verify/${codes.a1}`)
		];
		for (const res of await Promise.all(leftAlone)) expect(res.status).toBe(299);
		expect(await hitsOf('198.51.100.9')).toBe(before);
	});
});
