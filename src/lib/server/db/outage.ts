// Failing fast while PostgreSQL is down. postgres.js queues a query until its connection is
// back, and retries a failed connect only when the next queued query comes up, so each waiting
// query waits for an attempt of its own: with PostgreSQL stopped for 10 s, requests hung for up
// to 23.5 s. So nothing is queued in postgres.js while its connection is not known to work:
// after a close, one query goes ahead to reopen it and the others wait here for its outcome
// (they go on when it worked, and fail with it when it did not); after a failure, one query at a
// time probes (postgres.js waits up to half a second before each attempt, see reconnectBackoff)
// and the others are refused at once. No query waits longer than DB_QUEUE_TIMEOUT for a connection.
import { DatabaseUnavailableError, isConnectionFailure } from './unavailable';

type State = 'open' | 'unknown' | 'down';

export class Gate {
	#state: State = 'unknown';
	#opening = false;
	#waiting: { resolve(): void; reject(e: Error): void }[] = [];

	constructor(
		private readonly timeoutMs: number,
		/** Told when this gate's connection works again after a failure. */
		private readonly recovered: () => void = () => {}
	) {}

	/** 0: works; 1: not known to work; 2: the same, and a query is already out to find out. */
	get rank() {
		return this.#state === 'open' ? 0 : this.#opening ? 2 : 1;
	}

	/** postgres.js closed a connection (its onclose): the next query finds out whether it reopens. */
	closed() {
		if (this.#state === 'open') this.#state = 'unknown';
	}

	/** Another connection to the same server works again: the next query here finds out too. */
	retry() {
		if (this.#state === 'down') this.#state = 'unknown';
	}

	async pass<T>(start: () => Promise<T>): Promise<T> {
		if (this.#state === 'open') return this.#run(start);
		if (this.#opening) {
			if (this.#state === 'down') throw new DatabaseUnavailableError();
			await this.#waitForOpener();
			return this.pass(start);
		}
		this.#opening = true;
		try {
			return await this.#run(start);
		} finally {
			this.#opening = false;
		}
	}

	async #run<T>(start: () => Promise<T>): Promise<T> {
		try {
			const result = await start();
			this.#settle('open');
			return result;
		} catch (error) {
			if (!isConnectionFailure(error) && !(error instanceof DatabaseUnavailableError)) {
				this.#settle('open'); // the statement failed, so the connection works
				throw error;
			}
			this.#settle('down');
			throw error instanceof DatabaseUnavailableError ? error : new DatabaseUnavailableError(error);
		}
	}

	#settle(state: State) {
		if (this.#state === 'down' && state === 'open') this.recovered();
		this.#state = state;
		const waiting = this.#waiting.splice(0);
		for (const w of waiting) state === 'open' ? w.resolve() : w.reject(new DatabaseUnavailableError());
	}

	#waitForOpener() {
		return new Promise<void>((resolve, reject) => {
			const entry = { resolve: () => (clearTimeout(timer), resolve()), reject: (e: Error) => (clearTimeout(timer), reject(e)) };
			const timer = setTimeout(() => {
				this.#waiting = this.#waiting.filter((w) => w !== entry);
				reject(new DatabaseUnavailableError(new Error(`${this.timeoutMs} ms 内没有可用的数据库连接`)));
			}, this.timeoutMs || 2 ** 31 - 1);
			timer.unref();
			this.#waiting.push(entry);
		});
	}
}

/**
 * `pending` (a postgres.js query, or a reservation) rejected with DatabaseUnavailableError if
 * it is not sent within `ms` (0: no limit), e.g. when every connection of a busy pool is
 * taken. Once sent it runs as long as it takes: only waiting for a connection is bounded. A
 * query given up may still run later, when postgres.js gets to it; a late reservation is given
 * back (`late`).
 */
export function waitForConnection<T>(pending: Promise<T>, ms: number, sent: () => boolean, late?: (value: T) => void): Promise<T> {
	if (!(ms > 0)) return pending;
	let gaveUp = false;
	return new Promise<T>((resolve, reject) => {
		let timer: NodeJS.Timeout | undefined;
		// then() starts a postgres.js query; on an open connection it is sent at once, and
		// needs no timer (the busiest path: thousands of queries a second).
		pending.then(
			(value) => (clearTimeout(timer), gaveUp ? late?.(value) : resolve(value)),
			(error) => (clearTimeout(timer), reject(error))
		);
		if (sent()) return;
		timer = setTimeout(() => {
			if (sent()) return;
			gaveUp = true;
			reject(new DatabaseUnavailableError(new Error(`${ms} ms 内没有可用的数据库连接`)));
		}, ms);
		timer.unref();
	});
}

/** A postgres.js query is sent once a connection has taken it (its `state` is then set). */
export const querySent = (query: Promise<unknown>) => () => Boolean((query as { state?: unknown }).state);
