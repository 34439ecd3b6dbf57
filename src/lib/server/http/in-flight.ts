// Requests still being answered, so that shutdown can let them finish before the database pool
// closes (adapter-node emits `sveltekit:shutdown` once its connections have closed, but a
// request whose client has gone away may still be running).
let running = 0;
let whenIdle: (() => void) | undefined;

export async function tracked<T>(work: () => Promise<T>): Promise<T> {
	running++;
	try {
		return await work();
	} finally {
		if (--running === 0) whenIdle?.();
	}
}

/** Resolves when no request is running, or after `ms`. */
export function requestsDone(ms: number): Promise<void> {
	if (running === 0) return Promise.resolve();
	return new Promise<void>((resolve) => {
		whenIdle = resolve;
		setTimeout(resolve, ms).unref();
	});
}
