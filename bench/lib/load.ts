import autocannon from 'autocannon';

export interface LoadResult {
	rps: number;
	p99: number;
	p95?: number;
	p50: number;
	max: number;
	non2xx: number;
	errors: number;
	requests: number;
}

/** One autocannon run; `request` may vary each request (e.g. rotate learners). */
export async function load(options: autocannon.Options): Promise<LoadResult> {
	const result = await autocannon({ connections: 50, duration: 10, ...options });
	return {
		rps: Math.round(result.requests.average),
		p99: result.latency.p99,
		p95: (result.latency as unknown as Record<string, number>).p97_5,
		p50: result.latency.p50,
		max: result.latency.max,
		non2xx: result.non2xx,
		errors: result.errors + result.timeouts,
		requests: result.requests.total
	};
}
