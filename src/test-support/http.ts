import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastRoute } from '$lib/server/http/fast-routes';

/**
 * A fast route behind a real HTTP server, as scripts/serve.js puts it in front of SvelteKit;
 * what the route leaves alone is answered 299 'sveltekit'.
 */
export async function serveFastRoute(route: FastRoute) {
	const server = createServer((req, res) => {
		if (!route(req, res)) res.writeHead(299).end('sveltekit');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
