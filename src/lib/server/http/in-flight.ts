// Requests still being answered, so that shutdown can let them finish before the database pool
// closes (adapter-node emits `sveltekit:shutdown` once its connections have closed, but a
// request whose client has gone away may still be running).
let running = 0;
const whenIdle: (() => void)[] = [];

export async function tracked<T>(work: () => Promise<T>): Promise<T> {
	running++;
	try {
		return await work();
	} finally {
		if (--running === 0) whenIdle.splice(0).forEach((resolve) => resolve());
	}
}

// By the time adapter-node emits `sveltekit:shutdown`, SHUTDOWN_TIMEOUT has already been spent
// waiting for the connections: what still runs then had its client cut off, so it gets at most
// a moment more, and the process exits within SHUTDOWN_DELAY + SHUTDOWN_TIMEOUT + ~1 s.
const AFTER_CONNECTIONS_CLOSED_MS = 500;

/** Resolves when no request is running, or after `ms` (at most half a second). */
export function requestsDone(ms: number): Promise<void> {
	if (running === 0) return Promise.resolve();
	return new Promise<void>((resolve) => {
		whenIdle.push(resolve);
		setTimeout(resolve, Math.min(ms, AFTER_CONNECTIONS_CLOSED_MS)).unref();
	});
}

// Set by scripts/serve.js when SIGTERM arrives (a symbol on globalThis: serve.js is outside
// the bundle). /healthz then answers 503, so that a proxy stops sending before the port closes.
const DRAINING = Symbol.for('dangxiao.draining');

export function draining(): boolean {
	return (globalThis as Record<symbol, unknown>)[DRAINING] === true;
}
