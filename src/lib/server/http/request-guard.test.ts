import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { getRequest, setResponse } from '@sveltejs/kit/node';
import { isHttpError } from '@sveltejs/kit';
import { guardRequest, withSecurityHeaders } from './request-guard';

// The handle hook's guard over real HTTP, with adapter-node's own request conversion
// (getRequest, BODY_SIZE_LIMIT as scripts/serve.js sets it) in front: what is refused before a
// route runs, and what the route then reads.
const SITE = 'http://school.example';
const MB = 1024 * 1024;
let server: Server;
let port: number;
let reached = 0;

beforeAll(async () => {
	server = createServer(async (req, res) => {
		const request = await getRequest({ request: req, base: SITE, bodySizeLimit: 110 * MB });
		const url = new URL(request.url);
		const event = { request, url, route: { id: url.pathname === '/upload' ? '/teach/courses/[id]/files' : '/login' } };
		const response = guardRequest(event) ?? (await route(event.request));
		await setResponse(res, withSecurityHeaders(response, url));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A route as SvelteKit runs it: reads the body as the content type says; error() becomes its status. */
async function route(request: Request) {
	reached++;
	try {
		const type = request.headers.get('content-type') ?? '';
		if (type.includes('json')) return Response.json({ read: await request.json() });
		if (type.includes('form')) return Response.json({ read: [...(await request.formData()).keys()] });
		return Response.json({ read: (await request.text()).length });
	} catch (e) {
		if (isHttpError(e)) return Response.json(e.body, { status: e.status });
		throw e;
	}
}

const post = (path: string, headers: Record<string, string>, body?: BodyInit) =>
	fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { accept: 'application/json', ...headers }, body });

/** Writes the head (and what `body` sends) to a socket; resolves with the status line's code. */
function raw(head: string[], body: (send: (b: string) => void) => void = () => {}) {
	return new Promise<number>((resolve, reject) => {
		const socket = connect(port, '127.0.0.1', () => {
			socket.write([...head, 'host: school.example', '', ''].join('\r\n'));
			body((b) => socket.write(b));
		});
		socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')));
		socket.once('data', (d) => {
			resolve(Number(d.toString().slice(9, 12)));
			socket.destroy();
		});
		socket.on('error', reject);
	});
}

describe('state-changing requests from another site', () => {
	it('are refused in Chinese before the route runs, even without a body', async () => {
		const before = reached;
		for (const headers of <Record<string, string>[]>[{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { 'content-type': 'text/plain' }]) {
			const res = await post('/login', headers);
			expect(res.status, JSON.stringify(headers)).toBe(403);
			expect(await res.json()).toEqual({ message: '禁止从其他网站提交请求' });
		}
		expect(reached).toBe(before);
	});

	it('pass from the site itself, from the address bar, and from programs that send no Origin', async () => {
		for (const headers of <Record<string, string>[]>[{ origin: SITE }, { 'sec-fetch-site': 'same-origin' }, { 'sec-fetch-site': 'none' }, { 'content-type': 'application/json' }]) {
			const res = await post('/login', headers, headers['content-type'] ? '{}' : undefined);
			expect(res.status, JSON.stringify(headers)).toBe(200);
		}
		expect((await fetch(`http://127.0.0.1:${port}/login`, { headers: { origin: 'https://evil.example' } })).status).toBe(200);
	});
});

describe('request bodies', () => {
	it('past the route’s limit by Content-Length are answered 413 before a byte is sent', async () => {
		const before = reached;
		expect(await raw(['POST /login HTTP/1.1', `origin: ${SITE}`, 'content-type: application/x-www-form-urlencoded', `content-length: ${100 * MB}`])).toBe(413);
		expect(await raw(['POST /upload HTTP/1.1', `origin: ${SITE}`, 'content-type: multipart/form-data; boundary=x', `content-length: ${102 * MB}`])).toBe(413);
		expect(reached).toBe(before);
		const res = await post('/login', { origin: SITE, 'content-type': 'application/x-www-form-urlencoded' }, 'a='.padEnd(MB + 1, 'a'));
		expect(res.status).toBe(413);
		expect((await res.json()).message).toBe('提交的内容过大：此处最多 1 MB');
	});

	it('an upload route takes a body of many MB', async () => {
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(5 * MB)]), 'a.mp4');
		const res = await post('/upload', { origin: SITE }, form);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ read: ['file'] });
	});

	it('without Content-Length are counted and stopped at the limit', async () => {
		const chunk = 'a'.repeat(64 * 1024);
		const status = await raw(['POST /login HTTP/1.1', `origin: ${SITE}`, 'content-type: application/x-www-form-urlencoded', 'transfer-encoding: chunked', 'accept: application/json'], (send) => {
			send(`2\r\na=\r\n`);
			for (let i = 0; i < 20; i++) send(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
			send('0\r\n\r\n');
		});
		expect(status).toBe(413);
		const small = await raw(['POST /login HTTP/1.1', `origin: ${SITE}`, 'content-type: application/x-www-form-urlencoded', 'transfer-encoding: chunked'], (send) => send(`3\r\na=b\r\n0\r\n\r\n`));
		expect(small).toBe(200);
	});

	it('that cannot be parsed are a Chinese 400, whichever route reads them', async () => {
		const form = await post('/login', { origin: SITE, 'content-type': 'multipart/form-data; boundary=zzz' }, 'not multipart');
		expect(form.status).toBe(400);
		expect((await form.json()).message).toBe('提交的表单数据无法解析，请刷新页面后重试');
		const json = await post('/login', { origin: SITE, 'content-type': 'application/json' }, '{"a":');
		expect(json.status).toBe(400);
		expect((await json.json()).message).toBe('提交的数据不是有效的 JSON');
	});

	it('a form field past 200 000 characters is a 400 before the route sees it', async () => {
		const res = await post('/login', { origin: SITE, 'content-type': 'application/x-www-form-urlencoded' }, `username=${'u'.repeat(200_001)}`);
		expect(res.status).toBe(400);
		expect((await res.json()).message).toContain('过长');
	});
});

describe('security headers', () => {
	it('every answer forbids framing and sniffing; HSTS only where the site is https', () => {
		const http = withSecurityHeaders(new Response('x'), new URL('http://localhost:3000/'));
		expect(http.headers.get('x-frame-options')).toBe('DENY');
		expect(http.headers.get('x-content-type-options')).toBe('nosniff');
		expect(http.headers.has('strict-transport-security')).toBe(false);
		const https = withSecurityHeaders(new Response('x'), new URL('https://dangxiao.example.edu.cn/'));
		expect(https.headers.get('strict-transport-security')).toBe('max-age=31536000');
	});
});
