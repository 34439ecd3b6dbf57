// Bad input never gives a 500: every form each role reaches is posted with each field replaced in
// turn by each value of a corpus (NUL, invalid UTF-8, 5,000 characters, an impossible date, numbers
// out of range, unknown ids), the other fields as rendered; the JSON endpoints get the same.
// Every answer must be below 500, and a refusal must say why in Chinese. A refusal that only the
// hook's safety net gave (PostgreSQL refused the value: header x-refused-by) fails too: the form
// or endpoint should have checked the field itself and said which one was wrong.
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { anonymous, crawl, originHeader, routeOf, routes, signIn, type Account, type Form } from './crawl';

const corpus: { label: string; value: string | Buffer }[] = [
	{ label: 'NUL', value: '党\u0000校' },
	{ label: 'invalid UTF-8', value: Buffer.from([0x61, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0x62]) },
	{ label: '5,000 characters', value: '长'.repeat(5000) },
	{ label: 'impossible date', value: '2026-02-30' },
	{ label: '1e309', value: '1e309' },
	{ label: '-1', value: '-1' },
	{ label: 'unknown id', value: '2147483647' },
	{ label: 'beyond int8', value: '99999999999999999999' }
];

/** At most this many posts in all, so the run takes minutes, not hours. */
const MAX_POSTS = 4000;

const chinese = /[\u4e00-\u9fff]/;

/** Posts like `use:enhance` does: the action's own answer as JSON, no page render. */
async function postEnhanced(ctx: APIRequestContext, form: Form, replace: { name: string; value: string | Buffer }) {
	const entries: [string, string | Buffer][] = [];
	let replaced = false;
	for (const f of form.fields) {
		if (f.type === 'file') continue;
		if (f.name === replace.name) {
			if (!replaced) entries.push([f.name, replace.value]);
			replaced = true;
		} else if (f.name === 'idempotencyKey') {
			// A fresh key per post: a key that already wrote answers with its first result and
			// would hide how the action treats this post's value.
			entries.push([f.name, randomBytes(16).toString('hex')]);
		} else if ((f.type !== 'checkbox' && f.type !== 'radio') || f.checked) entries.push([f.name, f.value]);
	}
	const headers = { ...originHeader(), accept: 'application/json', 'x-sveltekit-action': 'true' };
	const body = form.multipart ? multipart(entries) : { type: 'application/x-www-form-urlencoded', bytes: urlencoded(entries) };
	return ctx.post(form.action, { data: body.bytes, headers: { ...headers, 'content-type': body.type }, maxRedirects: 0 });
}

const pct = (b: Buffer) => [...b].map((x) => `%${x.toString(16).padStart(2, '0').toUpperCase()}`).join('');
const urlencoded = (entries: [string, string | Buffer][]) =>
	Buffer.from(entries.map(([k, v]) => `${encodeURIComponent(k)}=${pct(typeof v === 'string' ? Buffer.from(v) : v)}`).join('&'));

/** Raw multipart, so a text part can carry bytes that are not UTF-8. */
function multipart(entries: [string, string | Buffer][]) {
	const boundary = '----dxbadinput' + Math.random().toString(16).slice(2);
	const parts = entries.map(([k, v]) =>
		Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n`), typeof v === 'string' ? Buffer.from(v) : v, Buffer.from('\r\n')])
	);
	return { type: `multipart/form-data; boundary=${boundary}`, bytes: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]) };
}

/** The status the person sees: an action's fail() comes back as 200 with its own status inside. */
async function answer(res: APIResponse) {
	const text = await res.text();
	let status = res.status();
	if ((res.headers()['content-type'] ?? '').includes('json')) {
		try {
			const body = JSON.parse(text);
			if (body?.type === 'failure' && typeof body.status === 'number') status = body.status;
		} catch {
			// not JSON after all: judged by its HTTP status
		}
	}
	return { status, text, byDatabase: res.headers()['x-refused-by'] === 'database' };
}

function judge(problems: string[], what: string, { status, text, byDatabase }: { status: number; text: string; byDatabase: boolean }) {
	if (byDatabase) problems.push(`${what}: refused only by PostgreSQL (validate it in the action): ${text.slice(0, 160)}`);
	else if (status >= 500) problems.push(`${what}: ${status} ${text.slice(0, 160)}`);
	else if (status >= 400 && !chinese.test(text)) problems.push(`${what}: ${status} without a Chinese message: ${text.slice(0, 160)}`);
}

/** The role whose crawl reaches the form first in this order posts it: each form once. */
const order: Account[] = ['activist', 'activist2', 'league', 'instructor', 'secretary', 'secretary2', 'organizer', 'admin'];

test('every form and JSON endpoint answers bad input with a Chinese message, never a 500', async () => {
	test.setTimeout(20 * 60_000);
	const contexts = new Map<Account, APIRequestContext>();
	const forms: { account: Account | 'anonymous'; form: Form }[] = [];
	const seen = new Set<string>();
	const shape = (f: Form) => `${routeOf(new URL(f.action, 'http://x').pathname)}${new URL(f.action, 'http://x').search} ${f.fields.map((x) => x.name).join(',')}`;
	for (const account of order) {
		const ctx = await signIn(account);
		contexts.set(account, ctx);
		for (const form of (await crawl(ctx, account)).forms) {
			// Signing out would end the run's session; the login form is posted signed out below.
			if (form.method !== 'POST' || /^\/(logout|login)(\?|$)/.test(form.action) || seen.has(shape(form))) continue;
			seen.add(shape(form));
			forms.push({ account, form });
		}
	}
	const anon = await anonymous();
	forms.push({ account: 'anonymous', form: { page: '/login', action: '/login', method: 'POST', multipart: false, fields: [{ name: 'username', type: 'text', value: 'nobody' }, { name: 'password', type: 'password', value: 'x' }] } });

	const problems: string[] = [];
	let posts = 0;
	outer: for (const { account, form } of forms) {
		const ctx = account === 'anonymous' ? anon : contexts.get(account)!;
		const names = [...new Set(form.fields.filter((f) => f.type !== 'file' && f.type !== 'submit').map((f) => f.name))];
		for (const name of names) {
			for (const { label, value } of corpus) {
				if (posts >= MAX_POSTS) break outer;
				posts++;
				const res = await postEnhanced(ctx, form, { name, value });
				judge(problems, `${account} POST ${form.action} ${name}=${label}`, await answer(res));
			}
		}
	}

	// JSON endpoints, as the learner their scripts run for: each body, and each field of a valid-looking one.
	const activist = contexts.get('activist')!;
	const jsonCorpus = ['"党\\u0000校"', '"\\ud800"', JSON.stringify('长'.repeat(5000)), '"2026-02-30"', '1e309', '-1', '2147483647', '99999999999999999999', '{', 'null', '[]'];
	const endpoints: { method: 'POST' | 'PUT'; path: string; sample: Record<string, string> }[] = [
		{ method: 'POST', path: '/api/checkin', sample: { sessionId: '1', code: '"123456"', intent: '"in"' } },
		{ method: 'POST', path: '/api/study/heartbeat', sample: { lessonId: '1', tab: '"tab-abcdef"', seq: '1', reachedEnd: 'false', pause: 'false', video: '[]' } },
		{ method: 'POST', path: '/api/practice/act-001', sample: { answer: '0' } },
		{ method: 'POST', path: '/api/preview', sample: { body: '"# 标题"' } },
		{ method: 'PUT', path: '/api/exams/attempts/2147483647/answers/1', sample: { response: '0', seq: '1' } },
		{ method: 'POST', path: '/api/exams/attempts/2147483647/events', sample: { events: '[{"kind":"blur","at":"2026-01-01T00:00:00Z"}]' } }
	];
	// Every JSON endpoint under /api is in the list above or takes no body.
	// /api/docs and /api/v1 (the API for other systems) answer GET only; /api/v1's bad query
	// parameters are a Chinese 400 in src/lib/server/api-clients/api.test.ts.
	const bodiless = ['/api/exams/[id]/start', '/api/exams/attempts/[attemptId]', '/api/exams/attempts/[attemptId]/submit', '/api/docs', '/api/v1/[...path]'];
	const listed = new Set([...endpoints.map((e) => routeOf(e.path)), ...bodiless]);
	expect(routes().filter((r) => r.id.startsWith('/api/') && !listed.has(r.id)).map((r) => r.id), 'JSON endpoints without a sample body').toEqual([]);
	let jsonRequests = 0;
	for (const e of endpoints) {
		const bodies = [...jsonCorpus, ...Object.keys(e.sample).flatMap((k) => jsonCorpus.map((v) => `{${Object.entries(e.sample).map(([key, s]) => `"${key}":${key === k ? v : s}`).join(',')}}`))];
		for (const body of bodies) {
			jsonRequests++;
			const res = await activist.fetch(e.path, { method: e.method, data: Buffer.from(body), headers: { ...originHeader(), 'content-type': 'application/json' }, maxRedirects: 0 });
			judge(problems, `${e.method} ${e.path} ${body.slice(0, 60)}`, await answer(res));
		}
		// Invalid UTF-8 inside a JSON string.
		jsonRequests++;
		const raw = await activist.fetch(e.path, { method: e.method, data: Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), headers: { ...originHeader(), 'content-type': 'application/json' }, maxRedirects: 0 });
		judge(problems, `${e.method} ${e.path} invalid UTF-8`, await answer(raw));
	}

	console.log(`bad input: ${forms.length} forms, ${posts} form posts, ${jsonRequests} JSON requests, ${problems.length} problems`);
	for (const ctx of [...contexts.values(), anon]) await ctx.dispose();
	expect(problems, 'answers to bad input that were a 500 or had no Chinese message').toEqual([]);
});
