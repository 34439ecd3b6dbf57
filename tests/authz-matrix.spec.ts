// The authorization matrix: every demo account crawls what it reaches; then every URL naming an
// object and every form one account reached is requested by accounts whose scope must not overlap
// with it, and by nobody, and must be refused — and the audit log must not have moved.
import { expect, test, type APIRequestContext } from '@playwright/test';
import {
	anonymous,
	auditFingerprint,
	inBatches,
	carriesObjectId,
	crawl,
	demoAccounts,
	originHeader,
	postForm,
	routeOf,
	routes,
	signIn,
	type Account,
	type Crawl,
	type Form
} from './crawl';

/** Accounts whose scopes must not overlap; each pair is checked in both directions. */
const disjoint: [Account, Account][] = [
	['secretary', 'secretary2'], // two branches in two colleges
	['activist', 'activist2'], // two learners
	['organizer', 'secretary2'], // 计算机学院 vs 医学院
	['league', 'instructor'], // 团委 vs teaching
	['league', 'secretary2'], // 计算机学院团委 vs a 医学院 branch
	['activist', 'secretary2'], // a 计算机学院 learner vs a 医学院 secretary
	['activist2', 'secretary'], // a 医学院 learner vs a 计算机学院 secretary
	['activist2', 'organizer'], // a 医学院 learner vs the 计算机学院 organizer
	['activist2', 'league'] // a 医学院 learner vs the 计算机学院 League
];

/**
 * Routes no crawl reaches, and why. Anything else a crawl does not reach fails the test, so a new
 * route is either linked from a page or named here.
 */
const unreachedByDesign: Record<string, string> = {
	'/healthz': 'for the proxy, not linked',
	'/bench/baseline': 'a benchmark page, not linked',
	'/api/checkin': 'JSON endpoint posted by the check-in page script (bad-input.spec.ts posts to it)',
	'/api/preview': 'JSON endpoint of the lesson editor script',
	'/api/practice/[id]': 'JSON endpoint of the lesson page script',
	'/api/study/heartbeat': 'JSON endpoint of the lesson page script',
	'/api/exams/[id]/start': 'JSON endpoint of the exam page script',
	'/api/exams/attempts/[attemptId]': 'JSON endpoint of the exam page script',
	'/api/exams/attempts/[attemptId]/answers/[questionId]': 'JSON endpoint of the exam page script',
	'/api/exams/attempts/[attemptId]/events': 'JSON endpoint of the exam page script',
	'/api/exams/attempts/[attemptId]/submit': 'JSON endpoint of the exam page script',
	'/api/v1/[...path]': 'the API for other systems: answers only an API token, never a session (api-clients/api.test.ts)',
	'/teach/courses/[id]/files': 'upload endpoint of the lesson editor script',
	'/sessions/[id]/live': 'polled by the projector page script',
	'/checkin/[sessionId]': 'reached through the QR code on the projector, not a link',
	'/completion/[cohortId]/issue': 'posted by the completion page script',
	'/exams/[id]/attempts/[attemptId]': 'exists once a learner has started an exam (exam.spec.ts)',
	'/exams/[id]/attempts/[attemptId]/review': 'linked once an exam releases its answers; the demo exam releases them after it closes (review.test.ts, exam-readiness.spec.ts)',
	'/my/reflections/[cohortId]': 'linked only for cohorts whose completion rule asks for a reflection',
	'/me': 'the old address of 个人信息: redirects to /my/profile for old bookmarks (people.spec.ts, auth.spec.ts open it)',
	'/me/record': 'the old address of 我的档案: redirects to /my/record for old bookmarks (certificates.spec.ts opens it)'
};

/** Pages anyone may open signed out (/api/docs: the API's description, which names no person). */
const publicRoutes = new Set(['/', '/login', '/verify', '/verify/[code]', '/healthz', '/api/docs']);

const refused = (status: number) => status === 403 || status === 404;

/** Signed out: a redirect to the login page, or a refusal. */
function refusedSignedOut(status: number, location: string | undefined) {
	return ((status === 303 || status === 302) && !!location && /^\/login(\?|$)/.test(location.replace(/^https?:\/\/[^/]+/, ''))) || status === 401 || refused(status);
}

/** What a URL names: its path and its `…id` query values; other query values only filter a list. */
function identity(url: string) {
	const u = new URL(url, 'http://x');
	const ids = [...u.searchParams].filter(([k]) => /id$/i.test(k)).sort(([a], [b]) => a.localeCompare(b));
	return `${u.pathname}?${new URLSearchParams(ids)}`;
}
const isPublic = (url: string) => publicRoutes.has(routeOf(new URL(url, 'http://x').pathname) ?? '');

// A form is its action and the names it sends, each once: a radio group is one name however many
// options it has (the 练习测验 draws other questions, with other option counts, for each visitor).
const formKey = (f: Form) => `${f.action} ${[...new Set(f.fields.map((x) => x.name))].join(',')}`;
const reachedUrls = (c: Crawl) => [...[...c.reached].filter(([, s]) => s === 200).map(([u]) => u), ...c.skipped];

const crawls = new Map<Account, Crawl>();
const contexts = new Map<Account, APIRequestContext>();

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
let leaveFileUrl = '';

test.beforeAll(async () => {
	test.setTimeout(10 * 60_000);
	for (const account of demoAccounts) contexts.set(account, await signIn(account));
	// A leave request with a 诊断证明 first, so the crawls reach its attachment and the matrix covers it.
	const activist = contexts.get('activist')!;
	const form = (await crawl(activist, 'activist')).forms.find((f) => /^\/my\/sessions\/\d+\?\/leave$/.test(f.action));
	expect(form, 'a session activist may ask leave for').toBeTruthy();
	const asked = await activist.post(form!.action, {
		multipart: { reason: '住院治疗', attachment: { name: '诊断证明.pdf', mimeType: 'application/pdf', buffer: pdf } },
		headers: { ...originHeader(), accept: 'text/html' },
		maxRedirects: 0
	});
	expect(asked.status(), await asked.text()).toBeLessThan(400);
	// The file's id as the audit log recorded it: nothing links to /files/<id> itself.
	const audit = await (await contexts.get('admin')!.get('/admin/audit?action=leave.request')).text();
	const fileId = /&quot;fileId&quot;:&quot;([0-9a-f-]{36})&quot;|"fileId":"([0-9a-f-]{36})"/.exec(audit);
	expect(fileId, 'the leave request in the audit log').toBeTruthy();
	leaveFileUrl = `/files/${fileId![1] ?? fileId![2]}`;

	for (const account of demoAccounts) {
		const c = await crawl(contexts.get(account)!, account);
		crawls.set(account, c);
		console.log(`crawl ${account}: ${c.reached.size} URLs, ${c.forms.length} forms${c.truncated ? ' (stopped at the bound)' : ''}`);
	}
});

test.afterAll(async () => {
	for (const ctx of contexts.values()) await ctx.dispose();
});

test('every route is reached by some role, or named with a reason', async () => {
	const anon = await anonymous();
	const signedOut = await crawl(anon, 'anonymous');
	await anon.dispose();
	const covered = new Set<string>();
	for (const c of [...crawls.values(), signedOut]) {
		for (const url of [...c.reached.keys(), ...c.skipped, ...c.forms.map((f) => f.action)]) {
			const route = routeOf(new URL(url, 'http://x').pathname);
			if (route) covered.add(route);
		}
	}
	const all = routes().map((r) => r.id);
	expect(Object.keys(unreachedByDesign).filter((r) => !all.includes(r)), 'named routes that no longer exist').toEqual([]);
	const unreached = all.filter((r) => !covered.has(r) && !(r in unreachedByDesign));
	console.log(`routes: ${all.length}, reached: ${covered.size}, named as unreached: ${Object.keys(unreachedByDesign).length}`);
	expect(unreached, 'routes no crawl reached: link them or name them in unreachedByDesign').toEqual([]);
});

test('object URLs and forms of one role are refused to roles whose scope does not overlap, and to nobody', async () => {
	test.setTimeout(15 * 60_000);
	const admin = contexts.get('admin')!;
	const before = await auditFingerprint(admin);
	const holes: string[] = [];
	let requests = 0;

	for (const [x, y] of disjoint) {
		for (const [a, b] of [[x, y], [y, x]] as const) {
			const [ca, cb] = [crawls.get(a)!, crawls.get(b)!];
			const own = new Set(reachedUrls(cb).map(identity));
			const urls = [...new Map(reachedUrls(ca).filter((u) => carriesObjectId(u) && !isPublic(u) && !own.has(identity(u))).map((u) => [identity(u), u])).values()];
			const ownForms = new Set(cb.forms.map(formKey));
			// A form on an object's page that b reached too is on b's own object (b's page may lack it
			// for a business reason only: the activist's attempts are used up, so their exam page has
			// no start button): posting it as b would test that rule, not the scope. List pages do not
			// count: the same URL shows each role its own rows.
			const forms = ca.forms.filter(
				(f) => f.method === 'POST' && !/^\/logout/.test(f.action) && !isPublic(f.action) && !ownForms.has(formKey(f)) && !(carriesObjectId(f.page) && own.has(identity(f.page)))
			);
			const ctx = contexts.get(b)!;
			await inBatches(urls, async (url) => {
				const res = await ctx.get(url, { maxRedirects: 0 });
				await res.dispose();
				if (!refused(res.status())) holes.push(`GET ${url} (${a}'s) as ${b}: ${res.status()}`);
			});
			for (const form of forms) {
				const res = await postForm(ctx, form);
				await res.dispose();
				if (!refused(res.status())) holes.push(`POST ${form.action} (${a}'s, on ${form.page}) as ${b}: ${res.status()}`);
			}
			requests += urls.length + forms.length;
			console.log(`${a} → ${b}: ${urls.length} URLs, ${forms.length} forms`);
		}
	}

	// Nobody: every page any role reached (but the public ones), and every form.
	const anon = await anonymous();
	const everyUrl = new Set([...crawls.values()].flatMap(reachedUrls));
	const everyForm = new Map([...crawls.values()].flatMap((c) => c.forms.filter((f) => f.method === 'POST' && !isPublic(f.action)).map((f) => [formKey(f), f] as const)));
	const signedOutUrls = [...everyUrl].filter((u) => !isPublic(u));
	await inBatches(signedOutUrls, async (url) => {
		const res = await anon.get(url, { maxRedirects: 0 });
		await res.dispose();
		if (!refusedSignedOut(res.status(), res.headers()['location'])) holes.push(`GET ${url} signed out: ${res.status()}`);
	});
	for (const form of everyForm.values()) {
		const res = await postForm(anon, form);
		await res.dispose();
		if (!refusedSignedOut(res.status(), res.headers()['location'])) holes.push(`POST ${form.action} signed out: ${res.status()}`);
	}
	await anon.dispose();
	requests += signedOutUrls.length + everyForm.size;

	const roles = demoAccounts.length + 1;
	console.log(`authorization matrix: ${roles} roles (with nobody) × ${everyUrl.size} URLs and ${everyForm.size} forms reached; ${requests} cross-role requests, ${holes.length} not refused`);
	expect(holes, 'requests that should have been refused').toEqual([]);
	expect(await auditFingerprint(admin), 'the audit log after the refused requests').toEqual(before);
});

test('a leave attachment is for its learner and those who decide on it: refused to another learner by its id, never cached', async () => {
	const own = await contexts.get('activist')!.get(leaveFileUrl);
	expect(own.status()).toBe(200);
	expect(own.headers()['cache-control']).toBe('private, no-store');
	for (const other of ['activist2', 'secretary2', 'league'] as const) {
		const res = await contexts.get(other)!.get(leaveFileUrl, { maxRedirects: 0 });
		expect(res.status(), `${leaveFileUrl} as ${other}`).toBe(403);
		expect(await res.text()).toContain('没有权限');
	}
	const anon = await anonymous();
	const signedOut = await anon.get(leaveFileUrl, { maxRedirects: 0 });
	expect(refusedSignedOut(signedOut.status(), signedOut.headers()['location'])).toBe(true);
	await anon.dispose();

	// Lesson media stays cacheable, but only by the reader's own browser.
	const figure = reachedUrls(crawls.get('activist2')!).find((u) => u.startsWith('/files/'));
	expect(figure, 'a lesson figure').toBeTruthy();
	const media = await contexts.get('activist2')!.get(figure!);
	expect(media.status()).toBe(200);
	expect(media.headers()['cache-control']).toMatch(/^private, max-age=\d+/);
});
