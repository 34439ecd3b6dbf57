import { expect, request as newRequest, test, type APIRequestContext } from '@playwright/test';
import { connect } from 'node:net';
import { DEMO_PASSWORD } from './helpers';

// What the server refuses before any route runs (src/lib/server/http/request-guard.ts), seen
// from outside against the built server: bodies too large for the route, bodies that cannot be
// parsed, and state-changing requests sent from another site.
const FOREIGN = 'https://evil.example';

function site(baseURL: string | undefined) {
	return new URL(baseURL!);
}

/** A request written byte by byte: how big a body claims to be need not be how big it is. */
function raw(baseURL: string | undefined, head: string[], body: (send: (b: string | Buffer) => void) => void = () => {}) {
	const { hostname, port } = site(baseURL);
	return new Promise<{ status: number; text: string }>((resolve, reject) => {
		const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
		let received = '';
		socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
		socket.on('connect', () => {
			socket.write([...head, `host: ${site(baseURL).host}`, '', ''].join('\r\n'));
			body((b) => socket.write(b));
		});
		socket.on('data', (d) => {
			received += d.toString('utf8');
			if (/\r\n\r\n/.test(received)) {
				const status = Number(received.slice(9, 12));
				// The head and what came of the body so far are enough.
				setTimeout(() => socket.destroy(), 200);
				resolve({ status, text: received });
			}
		});
		socket.on('error', reject);
		socket.on('close', () => resolve({ status: Number(received.slice(9, 12)) || 0, text: received }));
	});
}

async function signedIn(baseURL: string | undefined, username: string): Promise<APIRequestContext> {
	const context = await newRequest.newContext({ baseURL });
	const res = await context.post('/login', { form: { username, password: DEMO_PASSWORD }, headers: { origin: site(baseURL).origin, accept: 'text/html' }, maxRedirects: 0 });
	expect(res.status(), `signing in as ${username}`).toBe(303);
	return context;
}

test.describe('request size and shape', () => {
	test('a body whose Content-Length is past the limit is answered 413 at once, before it is sent', async ({ baseURL }) => {
		const origin = site(baseURL).origin;
		const res = await raw(baseURL, ['POST /login HTTP/1.1', `origin: ${origin}`, 'content-type: application/x-www-form-urlencoded', `content-length: ${100 * 1024 * 1024}`]);
		expect(res.status).toBe(413);
		expect(res.text).toContain('提交的内容过大');
	});

	test('an upload route takes more than 1 MB; past its own limit it is 413 at once too', async ({ baseURL }) => {
		const origin = site(baseURL).origin;
		const head = (length: number) => ['POST /teach/courses/1/files HTTP/1.1', `origin: ${origin}`, 'content-type: multipart/form-data; boundary=x', `content-length: ${length}`];
		// 2 MB is not refused for its size (the route, not the guard, answers: no session).
		const small = await raw(baseURL, head(2 * 1024 * 1024), (send) => send(Buffer.alloc(2 * 1024 * 1024, 0x61)));
		expect(small.status).not.toBe(413);
		const huge = await raw(baseURL, head(200 * 1024 * 1024));
		expect(huge.status).toBe(413);
	});

	test('a body without Content-Length is counted and stopped at 1 MB', async ({ baseURL }) => {
		const origin = site(baseURL).origin;
		const chunk = 'username=' + 'a'.repeat(64 * 1024);
		const res = await raw(baseURL, ['POST /login HTTP/1.1', `origin: ${origin}`, 'content-type: application/x-www-form-urlencoded', 'transfer-encoding: chunked', 'accept: text/html'], (send) => {
			for (let i = 0; i < 40; i++) send(`${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`);
			send('0\r\n\r\n');
		});
		expect(res.status).toBe(413);
		expect(res.text).toContain('提交的内容过大');
	});

	test('a username or password past its bound is a Chinese 400 and never reaches the database', async ({ request, baseURL }) => {
		const headers = { origin: site(baseURL).origin, accept: 'application/json', 'x-sveltekit-action': 'true' };
		const long = await request.post('/login', { form: { username: 'u'.repeat(100_000), password: 'x' }, headers });
		expect(long.status()).toBe(200);
		const refused = await long.json();
		expect(refused).toMatchObject({ type: 'failure', status: 400 });
		expect(JSON.stringify(refused)).toContain('学号/工号不能超过 64 个字');
		// Any form's field past 200 000 characters, whatever the route checks itself.
		const huge = await request.post('/login', { form: { username: 'u'.repeat(250_000), password: 'x' }, headers });
		expect(huge.status()).toBe(400);
		expect(await huge.json()).toMatchObject({ type: 'error', error: { message: expect.stringContaining('过长') } });
		const long2 = await request.post('/login', { form: { username: 'u'.repeat(65), password: 'x' }, headers });
		expect(JSON.stringify(await long2.json())).toContain('学号/工号不能超过 64 个字');
		const pass = await request.post('/login', { form: { username: 'nobody-' + Date.now(), password: 'p'.repeat(257) }, headers });
		expect(JSON.stringify(await pass.json())).toContain('密码不能超过 256 个字符');
	});

	test('a malformed multipart body is a Chinese 400, not a 500', async ({ request, baseURL }) => {
		const res = await request.post('/login', {
			data: 'garbage without any boundary',
			headers: { origin: site(baseURL).origin, 'content-type': 'multipart/form-data; boundary=zzz', accept: 'text/html' }
		});
		expect(res.status()).toBe(400);
		expect(await res.text()).toContain('表单数据无法解析');
	});
});

test.describe('cross-site requests', () => {
	test('a bodiless POST from another site to an exam attempt’s submit is refused', async ({ baseURL }) => {
		const learner = await signedIn(baseURL, 'activist');
		const path = '/api/exams/attempts/2147483000/submit';
		const foreign = await learner.post(path, { headers: { origin: FOREIGN } });
		expect(foreign.status()).toBe(403);
		expect((await foreign.json()).message).toBe('禁止从其他网站提交请求');
		// A browser that sends no Origin still says where the request came from.
		const noOrigin = await learner.post(path, { headers: { 'sec-fetch-site': 'cross-site' } });
		expect(noOrigin.status()).toBe(403);
		// The same request from the site itself reaches the route (no such attempt).
		const own = await learner.post(path, { headers: { origin: site(baseURL).origin } });
		expect(own.status()).toBe(404);
		await learner.dispose();
	});

	test('a bodiless POST from another site to a cohort’s certificate issuing is refused and issues nothing', async ({ baseURL }) => {
		const secretary = await signedIn(baseURL, 'secretary');
		const list = await (await secretary.get('/completion')).text();
		const ids = [...list.matchAll(/href="\/completion\/(\d+)"/g)].map((m) => m[1]);
		expect(ids.length, 'the secretary’s cohorts').toBeGreaterThan(0);
		const counts = async (id: string) => (await (await secretary.get(`/completion/${id}`)).text()).match(/已颁发证书 (\d+) 张/)?.[1];
		for (const id of ids) {
			const before = await counts(id);
			const res = await secretary.post(`/completion/${id}/issue`, { headers: { origin: FOREIGN } });
			expect(res.status()).toBe(403);
			expect(await counts(id)).toBe(before);
		}
		await secretary.dispose();
	});

	test('a form post from another site is refused in Chinese', async ({ request }) => {
		const res = await request.post('/login', { form: { username: 'admin', password: DEMO_PASSWORD }, headers: { origin: FOREIGN, accept: 'text/html' }, maxRedirects: 0 });
		expect(res.status()).toBe(403);
		expect(await res.text()).toContain('禁止从其他网站提交请求');
		expect(res.headers()['set-cookie'] ?? '').not.toContain('dx_session=');
	});
});

test.describe('security headers', () => {
	test('pages send a Content-Security-Policy that forbids framing; the verification fast route too', async ({ request }) => {
		for (const path of ['/login', '/verify/' + 'a'.repeat(32)]) {
			const res = await request.get(path);
			const csp = res.headers()['content-security-policy'] ?? '';
			expect(csp, path).toContain("frame-ancestors 'none'");
			expect(csp, path).toContain("default-src 'self'");
			expect(csp, path).toContain("object-src 'none'");
			expect(res.headers()['x-frame-options'], path).toBe('DENY');
		}
		const page = await request.get('/login');
		expect(page.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
	});
});
