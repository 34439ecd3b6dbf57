// Breadth-first crawl of the site as one signed-in account, with Playwright's request API:
// the pages and downloads each role reaches and every form (action, method, fields with
// their rendered defaults). The authorization matrix and the bad-input spec are built on it.
import { request, type APIRequestContext, type APIResponse } from '@playwright/test';
import { Parser } from 'htmlparser2';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from './helpers';

export const demoAccounts = ['admin', 'organizer', 'secretary', 'secretary2', 'instructor', 'league', 'activist', 'activist2'] as const;
export type Account = (typeof demoAccounts)[number];

export interface Field {
	name: string;
	/** input type, or 'select' / 'textarea' */
	type: string;
	value: string;
	/** option values of a select */
	options?: string[];
	checked?: boolean;
}

export interface Form {
	/** the page the form was found on */
	page: string;
	/** path + query the form posts to */
	action: string;
	method: 'GET' | 'POST';
	multipart: boolean;
	fields: Field[];
}

export interface Crawl {
	account: Account | 'anonymous';
	/** path + query → status of the GET */
	reached: Map<string, number>;
	/** linked but never fetched (see neverFetch) */
	skipped: Set<string>;
	forms: Form[];
	/** the crawl stopped at its bound before the queue was empty */
	truncated: boolean;
}

export interface CrawlOptions {
	limit?: number;
	/** at most this many URLs of one route and query shape, so 48 people do not eat the bound */
	perShape?: number;
}

/**
 * Never followed: signing out ends the crawl's session, and a branch's certificates ZIP is
 * large (it is still requested by the matrix, as a denial, just not downloaded by its owner).
 */
const neverFetch = [/^\/logout(?:$|\?)/, /\/zip(?:$|\?)/];

export const baseURL = () => `http://localhost:${process.env.E2E_PORT ?? 4173}`;

/** A same-origin Origin header: adapter-node refuses form posts without it. */
export const originHeader = () => ({ origin: baseURL() });

/** A request context signed in as the account (cookies kept in the context). */
export async function signIn(account: Account): Promise<APIRequestContext> {
	const ctx = await request.newContext({ baseURL: baseURL() });
	const res = await ctx.post('/login', { form: { username: account, password: DEMO_PASSWORD }, headers: { ...originHeader(), accept: 'text/html' }, maxRedirects: 0 });
	if (res.status() !== 303) throw new Error(`login as ${account}: ${res.status()} ${(await res.text()).slice(0, 200)}`);
	return ctx;
}

export function anonymous(): Promise<APIRequestContext> {
	return request.newContext({ baseURL: baseURL() });
}

export async function crawl(ctx: APIRequestContext, account: Crawl['account'], options: CrawlOptions = {}): Promise<Crawl> {
	const limit = options.limit ?? 400;
	const perShape = options.perShape ?? 25;
	const reached = new Map<string, number>();
	const forms: Form[] = [];
	const seenForms = new Set<string>();
	const shapes = new Map<string, number>();
	const queued = new Set<string>(['/']);
	const queue = ['/'];
	const skipped = new Set<string>();
	let truncated = false;
	while (queue.length) {
		if (reached.size >= limit) {
			truncated = true;
			break;
		}
		const url = queue.shift()!;
		const res = await ctx.get(url, { maxRedirects: 0 });
		reached.set(url, res.status());
		const found: string[] = [];
		const location = res.headers()['location'];
		if (location) found.push(location);
		if (res.status() === 200 && (res.headers()['content-type'] ?? '').startsWith('text/html')) {
			const page = parsePage(await res.text(), url);
			found.push(...page.links);
			for (const form of page.forms) {
				const key = `${form.method} ${form.action} ${form.fields.map((f) => f.name).join(',')}`;
				if (seenForms.has(key)) continue;
				seenForms.add(key);
				forms.push(form);
				if (form.method === 'GET') found.push(withQuery(form.action, form.fields));
			}
		} else {
			await res.dispose();
		}
		for (const href of found) {
			const next = sameOrigin(href, url);
			if (!next || queued.has(next)) continue;
			if (neverFetch.some((r) => r.test(next))) {
				skipped.add(next);
				continue;
			}
			const shape = shapeOf(next);
			const n = shapes.get(shape) ?? 0;
			if (n >= perShape) continue;
			shapes.set(shape, n + 1);
			queued.add(next);
			queue.push(next);
		}
	}
	return { account, reached, skipped, forms, truncated };
}

/** path + query of a same-origin URL, without the fragment; null for other origins. */
export function sameOrigin(href: string, from: string): string | null {
	let u: URL;
	try {
		u = new URL(href, new URL(from, baseURL()));
	} catch {
		return null;
	}
	if (u.origin !== baseURL()) return null;
	return u.pathname + u.search;
}

function withQuery(action: string, fields: Field[]) {
	const u = new URL(action, baseURL());
	for (const f of fields) if (f.name && (f.type !== 'checkbox' || f.checked)) u.searchParams.set(f.name, f.value);
	return u.pathname + u.search;
}

/** A URL's route and the names of its query parameters: `/admin/people/[id]?q`. */
function shapeOf(url: string) {
	const u = new URL(url, baseURL());
	return `${routeOf(u.pathname) ?? u.pathname}?${[...u.searchParams.keys()].sort().join('&')}`;
}

export function parsePage(html: string, pageUrl: string): { links: string[]; forms: Form[] } {
	const links: string[] = [];
	const forms: Form[] = [];
	let form: (Form & { submitters: { action: string | null; name?: string; value?: string }[] }) | null = null;
	let select: Field | null = null;
	let textarea: Field | null = null;
	const parser = new Parser(
		{
			onopentag(tag, a) {
				if (tag === 'a' && a.href) links.push(a.href);
				if ((tag === 'img' || tag === 'video' || tag === 'source' || tag === 'track' || tag === 'iframe') && a.src) links.push(a.src);
				if (tag === 'form') {
					const action = sameOrigin(a.action ?? '', pageUrl) ?? pageUrl;
					form = {
						page: pageUrl,
						action: a.action?.startsWith('?') ? new URL(pageUrl, baseURL()).pathname + a.action : action,
						method: (a.method ?? 'GET').toUpperCase() === 'POST' ? 'POST' : 'GET',
						multipart: a.enctype === 'multipart/form-data',
						fields: [],
						submitters: []
					};
				}
				if (!form) return;
				if (tag === 'input' && a.name) {
					const type = (a.type ?? 'text').toLowerCase();
					if (type === 'submit' || type === 'image') form.submitters.push({ action: a.formaction ?? null, name: a.name, value: a.value ?? '' });
					else if (type !== 'button' && type !== 'reset') form.fields.push({ name: a.name, type, value: a.value ?? (type === 'checkbox' ? 'on' : ''), checked: 'checked' in a });
				} else if (tag === 'button' && (a.type ?? 'submit') === 'submit') {
					form.submitters.push({ action: a.formaction ?? null, name: a.name, value: a.value ?? '' });
				} else if (tag === 'select' && a.name) {
					select = { name: a.name, type: 'select', value: '', options: [] };
					form.fields.push(select);
				} else if (tag === 'option' && select) {
					const value = a.value ?? '';
					select.options!.push(value);
					if ('selected' in a || select.options!.length === 1) select.value = value;
				} else if (tag === 'textarea' && a.name) {
					textarea = { name: a.name, type: 'textarea', value: '' };
					form.fields.push(textarea);
				}
			},
			ontext(text) {
				if (textarea) textarea.value += text;
			},
			onclosetag(tag) {
				if (tag === 'select') select = null;
				if (tag === 'textarea') textarea = null;
				if (tag === 'form' && form) {
					forms.push(...expandSubmitters(form, pageUrl));
					form = null;
				}
			}
		},
		{ decodeEntities: true }
	);
	parser.write(html);
	parser.end();
	return { links, forms };
}

/** One form per distinct submit button: `<button formaction="?/cancel">` posts elsewhere. */
function expandSubmitters(form: Form & { submitters: { action: string | null; name?: string; value?: string }[] }, pageUrl: string): Form[] {
	const { submitters, ...base } = form;
	if (!submitters.length) return [base];
	const byAction = new Map<string, Form>();
	for (const s of submitters) {
		const action = s.action === null ? base.action : s.action.startsWith('?') ? new URL(pageUrl, baseURL()).pathname + s.action : sameOrigin(s.action, pageUrl) ?? base.action;
		const fields = s.name ? [...base.fields, { name: s.name, type: 'submit', value: s.value ?? '' }] : base.fields;
		const key = `${action} ${s.name ?? ''}=${s.value ?? ''}`;
		if (!byAction.has(key)) byAction.set(key, { ...base, action, fields });
	}
	return [...byAction.values()];
}

/** The form's fields as they would be sent, with `replace` overriding one field's value. */
export function formBody(form: Form, replace?: { name: string; value: string | Buffer }) {
	const entries: [string, string | Buffer][] = [];
	const done = new Set<string>();
	for (const f of form.fields) {
		if (f.type === 'file') continue;
		if ((f.type === 'checkbox' || f.type === 'radio') && !f.checked && replace?.name !== f.name) continue;
		if (replace && f.name === replace.name) {
			if (!done.has(f.name)) entries.push([f.name, replace.value]);
			done.add(f.name);
			continue;
		}
		entries.push([f.name, f.value]);
	}
	return entries;
}

/** Posts a form as the context's account, from a same-origin page, without following redirects. */
export async function postForm(ctx: APIRequestContext, form: Form, replace?: { name: string; value: string | Buffer }): Promise<APIResponse> {
	const entries = formBody(form, replace);
	const headers = { ...originHeader(), accept: 'text/html' };
	if (form.multipart) {
		const multipart = new FormData();
		for (const [k, v] of entries) multipart.append(k, typeof v === 'string' ? v : new Blob([new Uint8Array(v)]));
		return ctx.post(form.action, { multipart, headers, maxRedirects: 0 });
	}
	// Raw bytes, so a corpus value can carry invalid UTF-8 (percent-encoded, as a browser would).
	const body = entries.map(([k, v]) => `${encodeURIComponent(k)}=${typeof v === 'string' ? encodeURIComponent(v) : percentBytes(v)}`).join('&');
	return ctx.post(form.action, { data: body, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, maxRedirects: 0 });
}

const percentBytes = (b: Buffer) => [...b].map((x) => `%${x.toString(16).padStart(2, '0').toUpperCase()}`).join('');

// Routes, read from src/routes at test time, so a new route is in the matrix without editing it.

export interface Route {
	/** e.g. /admin/people/[id] */
	id: string;
	kind: 'page' | 'endpoint';
	pattern: RegExp;
	/** static segments: the more, the more specific (SvelteKit's own order) */
	weight: number;
}

const routesDir = fileURLToPath(new URL('../src/routes/', import.meta.url));

let cachedRoutes: Route[] | null = null;

export function routes(): Route[] {
	if (cachedRoutes) return cachedRoutes;
	const files = (readdirSync(routesDir, { recursive: true }) as string[]).map((f) => f.split('\\').join('/'));
	cachedRoutes = files
		.filter((f) => /(^|\/)\+(page\.server|server)\.ts$/.test(f))
		.map((f) => {
			const dir = f.replace(/(^|\/)\+(page\.server|server)\.ts$/, '');
			// Groups are not in the URL, and a route is named without its matchers: /exams/[id].
			const segments = dir
				.split('/')
				.filter((s) => s && !/^\(.+\)$/.test(s))
				.map((s) => s.replace(/^\[([^\]=]+)=[^\]]+\]$/, '[$1]'));
			const source = segments
				.map((s) => (/^\[\.\.\..+\]$/.test(s) ? '(?:/.*)?' : /^\[\[.+\]\]$/.test(s) ? '(?:/[^/]+)?' : '/' + s.replace(/\[[^\]]+\]/g, '[^/]+').replace(/\./g, '\\.')))
				.join('');
			return {
				id: '/' + segments.join('/'),
				kind: f.endsWith('+server.ts') ? ('endpoint' as const) : ('page' as const),
				pattern: new RegExp(`^${source || '/'}/?$`),
				weight: segments.filter((s) => !s.includes('[')).length
			};
		});
	return cachedRoutes;
}

/** The route a path belongs to (the most specific match), or null. */
export function routeOf(pathname: string): string | null {
	let best: Route | null = null;
	for (const r of routes()) if (r.pattern.test(pathname) && (!best || r.weight > best.weight)) best = r;
	return best?.id ?? null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a URL names one object: a numeric or UUID path segment, or an `…id` query value. */
export function carriesObjectId(url: string) {
	const u = new URL(url, baseURL());
	if (u.pathname.split('/').some((s) => /^\d+$/.test(s) || UUID.test(s))) return true;
	return [...u.searchParams].some(([k, v]) => /id$/i.test(k) && (/^\d+$/.test(v) || UUID.test(v)));
}

/** Runs `fn` over `items`, a few at a time: the server has other work, the run should not take all day. */
export async function inBatches<T>(items: T[], fn: (item: T) => Promise<void>, size = 4) {
	for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/**
 * What the school admin's audit page says: the number of entries and the newest one. Every change
 * to a person, role, unit, session, leave request, record… writes one, so a request that changed
 * something moves it. (No count endpoint exists for tests, and none should.)
 */
export async function auditFingerprint(admin: APIRequestContext) {
	const html = await (await admin.get('/admin/audit')).text();
	const total = /共 (\d+) 条/.exec(html)?.[1];
	const newest = /<tbody[^>]*>([\s\S]*?)<\/tr>/.exec(html)?.[1];
	if (!total || !newest) throw new Error('the audit page did not show its count');
	return { total: Number(total), newest };
}
