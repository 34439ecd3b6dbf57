// `npm start`: serve the production build with sensible local defaults.
// adapter-node refuses form posts whose Origin differs from ORIGIN, so default it
// to the address the README tells people to open.
process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
// Lesson videos may be up to 100 MB (src/lib/server/files/limits.ts); adapter-node's default is 512 KB.
process.env.BODY_SIZE_LIMIT ??= '110M';
const { server } = await import('../build/index.js');

// Study heartbeats and the public verification page are answered before SvelteKit sees them: see
// src/lib/server/http/fast-routes.ts. The app's init (already run: build/handler.js awaits it
// before the server listens) installed the routes.
const fastRoute = globalThis[Symbol.for('dangxiao.fastRoute')];
const http = server.server;
if (fastRoute && http?.listeners('request').includes(server.attach)) {
	http.removeListener('request', server.attach);
	http.prependListener('request', (req, res) => fastRoute(req, res) || server.attach(req, res));
} else {
	console.warn('[serve] 快速通道（学习心跳、证书验证页）未启用，由 SvelteKit 路由处理');
}
