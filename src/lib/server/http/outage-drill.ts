// Test and bench support: stop PostgreSQL under a running server, and measure how its pages and
// /healthz answer meanwhile, and how soon pages work again once PostgreSQL is back.
import type { ThrowawayPostgres } from '../db/throwaway-postgres';

export interface Sample {
	path: string;
	status: number;
	ms: number;
	body: string;
	/** Date.now() when the answer had arrived. */
	endedAt: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function timed(base: string, path: string, init: RequestInit = {}): Promise<Sample> {
	const started = performance.now();
	try {
		const res = await fetch(base + path, { redirect: 'manual', ...init, signal: AbortSignal.timeout(60_000) });
		const body = await res.text();
		return { path, status: res.status, ms: performance.now() - started, body, endedAt: Date.now() };
	} catch (e) {
		return { path, status: 0, ms: performance.now() - started, body: String(e), endedAt: Date.now() };
	}
}

export interface Drill {
	/** Answered while PostgreSQL was down: a page whose load queries the database (no session),
	 * and one whose session is checked in the hook. */
	pages: Sample[];
	/** /healthz as the public sees it (through a proxy: X-Forwarded-For set), while down. */
	healthz: Sample[];
	/** Sent while down, answered once PostgreSQL was starting again (either answer is right). */
	straddling: number;
	/** From PostgreSQL accepting connections again to the first page answered 200. */
	recoveryMs: number;
}

export async function outageDrill(options: { base: string; cookie: string; pg: ThrowawayPostgres; outageMs?: number }): Promise<Drill> {
	const { base, cookie, pg } = options;
	const outageMs = options.outageMs ?? 10_000;
	const asPublic = { 'x-forwarded-for': '203.0.113.9' };
	const pages: Promise<Sample>[] = [];
	const healthz: Promise<Sample>[] = [];
	await pg.stop();
	const stopped = Date.now();
	for (let tick = 0; Date.now() - stopped < outageMs; tick++) {
		// The verification page is answered before SvelteKit (fast route): it must say the same.
		pages.push(timed(base, '/login'), timed(base, '/', { headers: { cookie } }), timed(base, `/verify/${'a'.repeat(32)}`));
		healthz.push(timed(base, '/healthz', { headers: asPublic }));
		// Once a second, a burst: requests that would queue behind the same reconnect attempts.
		if (tick % 4 === 1) for (let i = 0; i < 10; i++) pages.push(timed(base, '/login'));
		await sleep(250);
	}
	const restarting = Date.now();
	pg.start();
	const back = performance.now();
	let recoveryMs = Number.POSITIVE_INFINITY;
	while (performance.now() - back < 30_000) {
		const sample = await timed(base, '/login');
		if (sample.status === 200) {
			recoveryMs = performance.now() - back;
			break;
		}
		await sleep(50);
	}
	const whileDown = (xs: Sample[]) => xs.filter((s) => s.endedAt < restarting);
	const all = [...(await Promise.all(pages)), ...(await Promise.all(healthz))];
	return {
		pages: whileDown(await Promise.all(pages)),
		healthz: whileDown(await Promise.all(healthz)),
		straddling: all.filter((s) => s.endedAt >= restarting).length,
		recoveryMs
	};
}

const max = (xs: number[]) => (xs.length ? Math.round(Math.max(...xs)) : 0);

export function summarize(drill: Drill) {
	const statuses = (xs: Sample[]) => xs.reduce<Record<string, number>>((m, s) => ((m[s.status] = (m[s.status] ?? 0) + 1), m), {});
	return {
		page_requests: drill.pages.length,
		page_statuses: statuses(drill.pages),
		page_max_ms: max(drill.pages.map((s) => s.ms)),
		healthz_requests: drill.healthz.length,
		healthz_statuses: statuses(drill.healthz),
		healthz_max_ms: max(drill.healthz.map((s) => s.ms)),
		answered_during_restart: drill.straddling,
		recovery_ms: Number.isFinite(drill.recoveryMs) ? Math.round(drill.recoveryMs) : null
	};
}
