// `npm start`: serve the production build with sensible local defaults.
// ORIGIN is not defaulted: without it adapter-node takes each request's own address (Host) as the
// site's, so the demo works opened as localhost, 127.0.0.1 or from a phone on the LAN, and another
// site's form is still refused (its Origin is not the address it posts to). Production sets ORIGIN:
// it fixes the address and turns on Secure cookies and HSTS for https.
process.env.PORT ??= '3000';
// Lesson videos may be up to 100 MB (src/lib/server/files/limits.ts); adapter-node's default is 512 KB.
process.env.BODY_SIZE_LIMIT ??= '110M';
// Shutdown within SHUTDOWN_DELAY + SHUTDOWN_TIMEOUT (+ ~1 s) seconds: adapter-node's own default
// of 30 s let one slow client hold the exit for 31.8 s. See the signal handlers below.
process.env.SHUTDOWN_TIMEOUT ??= '5';
const shutdownDelay = Number(process.env.SHUTDOWN_DELAY ?? '2');
const signals = /** @type {const} */ (['SIGTERM', 'SIGINT']);
const listenersBefore = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
// Without ORIGIN adapter-node takes every request for https unless PROTOCOL_HEADER names a header
// that says otherwise: a demo opened at http://localhost:3000 then refused every sign-in (403, its
// Origin http://… is not the https://… the server believed). This server knows how each request
// came, and says so in a header of its own (a client's own value is overwritten below).
const LOCAL_PROTOCOL = 'x-dangxiao-protocol';
if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER) process.env.PROTOCOL_HEADER = LOCAL_PROTOCOL;
const marksProtocol = process.env.PROTOCOL_HEADER === LOCAL_PROTOCOL;
const { server } = await import('../build/index.js');

// Study heartbeats and the public verification page are answered before SvelteKit sees them: see
// src/lib/server/http/fast-routes.ts. The app's init (already run: build/handler.js awaits it
// before the server listens) installed the routes.
const fastRoute = globalThis[Symbol.for('dangxiao.fastRoute')];
const http = server.server;
const DRAINING = Symbol.for('dangxiao.draining');
if (http?.listeners('request').includes(server.attach)) {
	http.removeListener('request', server.attach);
	http.prependListener('request', (req, res) => {
		if (marksProtocol) req.headers[LOCAL_PROTOCOL] = /** @type {any} */ (req.socket).encrypted ? 'https' : 'http';
		// While draining, each answer closes its connection: the next request opens a new one,
		// which the proxy sends to an instance that stays.
		if (globalThis[DRAINING]) res.setHeader('connection', 'close');
		if (!fastRoute?.(req, res)) server.attach(req, res);
	});
}
if (!fastRoute) console.warn('[serve] 快速通道（学习心跳、证书验证页）未启用，由 SvelteKit 路由处理');

// SIGTERM (a deploy, systemd, a container stop) first drains: for SHUTDOWN_DELAY seconds the
// instance still serves everything, but /healthz answers 503 so that the proxy's health check
// takes it out of rotation; then adapter-node closes the port and waits up to SHUTDOWN_TIMEOUT
// seconds for the requests in flight before it cuts them off. SIGINT (Ctrl-C) skips the delay.
for (const signal of signals) {
	const adapters = process.listeners(signal).filter((l) => !listenersBefore.get(signal)?.has(l));
	for (const listener of adapters) process.removeListener(signal, listener);
	process.on(signal, () => {
		if (globalThis[DRAINING]) return;
		globalThis[DRAINING] = true;
		const delay = signal === 'SIGTERM' ? shutdownDelay * 1000 : 0;
		setTimeout(() => adapters.forEach((listener) => listener(signal)), delay);
	});
}
