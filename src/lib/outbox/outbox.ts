/**
 * Items waiting to reach the server, one queue per key (a question, a lesson's beats). Per key one
 * request at a time; an item added meanwhile is folded into the waiting one, and a failed item goes
 * back in front to be sent again as it was (the server ignores what it already has, by seq). The
 * study heartbeat and the exam's answers both send through this.
 */

/** Keeps what is not yet confirmed somewhere that outlives the page (the exam's answers in localStorage). */
export interface OutboxStore<T> {
	load(): Record<string, T>;
	save(items: Record<string, T>): void;
}

export interface OutboxOptions<T> {
	/** two unsent items as one; by default the newer replaces the older */
	fold?: (older: T, newer: T) => T;
	/** the longest wait between retries */
	maxDelaySeconds?: number;
	store?: OutboxStore<T>;
}

/** Delay before the n-th retry in a row: 1, 2, 4 … up to `max` seconds. */
export const retryDelay = (failures: number, maxSeconds = 60) => Math.min(maxSeconds, 2 ** Math.max(0, failures - 1)) * 1000;

export class Outbox<T> {
	private pending = new Map<string, T>();
	private inFlight = new Map<string, T>();
	private failures = 0;
	private readonly fold: (older: T, newer: T) => T;
	private readonly maxDelaySeconds: number;
	private readonly store?: OutboxStore<T>;

	constructor(options: OutboxOptions<T> = {}) {
		this.fold = options.fold ?? ((_, newer) => newer);
		this.maxDelaySeconds = options.maxDelaySeconds ?? 60;
		this.store = options.store;
	}

	/** What a store kept from an earlier page, for the caller to check and add() again. */
	restore(): Record<string, T> {
		try {
			return this.store?.load() ?? {};
		} catch {
			this.persist(); // an unreadable copy is replaced by what this page holds
			return {};
		}
	}

	add(key: string, item: T) {
		const waiting = this.pending.get(key);
		this.pending.set(key, waiting === undefined ? item : this.fold(waiting, item));
		this.persist();
	}

	/** The item to send now for `key`, or null (nothing waiting, or a request for it is out). */
	next(key: string): T | null {
		const item = this.pending.get(key);
		if (this.inFlight.has(key) || item === undefined) return null;
		this.pending.delete(key);
		this.inFlight.set(key, item);
		return item;
	}

	/** Keys with something to send and no request out. */
	ready(): string[] {
		return [...this.pending.keys()].filter((k) => !this.inFlight.has(k));
	}

	succeeded(key: string) {
		this.inFlight.delete(key);
		this.failures = 0;
		this.persist();
	}

	/** The item goes back in front of its queue, to be sent again as it was. */
	failed(key: string) {
		const item = this.inFlight.get(key);
		if (item === undefined) return;
		this.inFlight.delete(key);
		const waiting = this.pending.get(key);
		this.pending.set(key, waiting === undefined ? item : this.fold(item, waiting));
	}

	/** Counts one more failure in a row and says how long to wait before trying again. */
	backoff(): number {
		this.failures++;
		return retryDelay(this.failures, this.maxDelaySeconds);
	}

	/** The network is back: the next retry waits the shortest time again. */
	resetBackoff() {
		this.failures = 0;
	}

	/** Everything not yet sent for `key`, for a beacon as the page goes away. */
	takePending(key: string): T | null {
		const item = this.pending.get(key);
		if (item === undefined) return null;
		this.pending.delete(key);
		this.persist();
		return item;
	}

	/** Whether anything for `key` is waiting or travelling. */
	has(key: string) {
		return this.pending.has(key) || this.inFlight.has(key);
	}

	isInFlight(key: string) {
		return this.inFlight.has(key);
	}

	/** Keys with something not yet confirmed by the server. */
	get size() {
		return new Set([...this.pending.keys(), ...this.inFlight.keys()]).size;
	}

	get busy() {
		return this.inFlight.size > 0;
	}

	/** Forget everything, the stored copy too (the server has it all now). */
	clear() {
		this.pending.clear();
		this.inFlight.clear();
		this.persist();
	}

	/** Per key what the server has not confirmed: the travelling item with anything newer folded in. */
	unconfirmed(): Record<string, T> {
		const out: Record<string, T> = {};
		for (const [k, item] of this.inFlight) out[k] = item;
		for (const [k, item] of this.pending) out[k] = k in out ? this.fold(out[k], item) : item;
		return out;
	}

	/** Writes the store now (after restore(), so that entries not added again are dropped). */
	persist() {
		if (!this.store) return;
		try {
			this.store.save(this.unconfirmed());
		} catch {
			// Private mode or a full disk: the server's copy is what counts anyway.
		}
	}
}

/** A store in localStorage under one key; removed when nothing is left to send. */
export function localStore<T>(key: string): OutboxStore<T> {
	return {
		load: () => JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, T>,
		save: (items) => (Object.keys(items).length ? localStorage.setItem(key, JSON.stringify(items)) : localStorage.removeItem(key))
	};
}
