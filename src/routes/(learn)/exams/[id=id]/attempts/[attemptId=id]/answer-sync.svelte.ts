import { localStore, Outbox } from '$lib/outbox/outbox';

export type Given = number | number[] | boolean | string;
export type SaveState = 'saving' | 'saved' | 'unsaved';
type Saved = { response: Given; seq: number };

export function isAnswered(v: Given | undefined) {
	return v !== undefined && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'string' && v.trim() === '');
}

/**
 * The learner's answers on their way to the server: one PUT per question at a time through the
 * outbox, every answer numbered (seq) so the server keeps the newest, unconfirmed answers kept in
 * localStorage until the server has them (a crash or a lost connection loses nothing), retries
 * backing off up to 15 s. A 409/404 means the attempt is over: nothing more is sent.
 */
export class AnswerSync {
	answers = $state<Record<number, Given>>({});
	states = $state<Record<number, SaveState>>({});
	closed = $state(false);
	message = $state<{ kind: 'error' | 'warn'; text: string } | null>(null);

	private outbox: Outbox<Saved>;
	private seq: number;
	private lastQueued = new Map<number, Given>();
	private fillTimers = new Map<number, ReturnType<typeof setTimeout>>();
	private retryTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		private attemptId: number,
		private saved: Record<number, Saved>,
		maxSeq: number
	) {
		// Answers are kept in the author's option order (option.i); the server maps nothing.
		// The server's copy first (also what a page without scripts shows), then anything newer kept on this device.
		this.answers = Object.fromEntries(Object.entries(saved).map(([id, s]) => [id, s.response]));
		this.states = Object.fromEntries(Object.keys(saved).map((id) => [id, 'saved' as const]));
		this.outbox = new Outbox<Saved>({ maxDelaySeconds: 15, store: localStore(`dx-exam-${attemptId}`) });
		this.seq = maxSeq;
	}

	/** In the browser: takes up answers given before a crash or a lost connection, newer than the server's copy. */
	resume(questionIds: number[]) {
		for (const [id, s] of Object.entries(this.saved)) this.lastQueued.set(Number(id), s.response);
		for (const [key, item] of Object.entries(this.outbox.restore())) {
			const id = Number(key);
			if (!questionIds.includes(id) || item.seq <= (this.saved[id]?.seq ?? -1)) continue;
			this.answers[id] = item.response;
			this.lastQueued.set(id, item.response);
			this.outbox.add(key, item);
			this.states[id] = 'saving';
			this.seq = Math.max(this.seq, item.seq);
		}
		this.outbox.persist();
		this.flush();
	}

	/** Questions whose answer the server has not confirmed yet. */
	get unsavedCount() {
		return this.outbox.size;
	}

	queue(id: number, response: Given) {
		this.answers[id] = response;
		this.lastQueued.set(id, response);
		this.seq += 1;
		this.outbox.add(String(id), { response, seq: this.seq });
		this.states[id] = 'saving';
		void this.send(id);
	}

	/** A fill-in text goes when the typing pauses (or the field is left). */
	typed(id: number, text: string) {
		this.answers[id] = text;
		this.states[id] = 'saving';
		clearTimeout(this.fillTimers.get(id));
		this.fillTimers.set(id, setTimeout(() => this.queue(id, text), 700));
	}

	committed(id: number, text: string) {
		clearTimeout(this.fillTimers.get(id));
		if (this.lastQueued.get(id) !== text) this.queue(id, text);
		else if (!this.outbox.has(String(id))) this.states[id] = 'saved';
	}

	flush() {
		for (const key of this.outbox.ready()) void this.send(Number(key));
	}

	/** Back online: retry now, and from the shortest wait. */
	online() {
		this.outbox.resetBackoff();
		this.flush();
	}

	close(text: string) {
		if (this.closed) return;
		this.closed = true;
		this.message = { kind: 'warn', text };
	}

	/** Sends everything still waiting and waits up to `ms` for it; true when the server has every answer. */
	async settle(ms: number) {
		// Fill-in texts still waiting for their pause in typing go now.
		for (const [id, t] of this.fillTimers) {
			clearTimeout(t);
			if (this.lastQueued.get(id) !== this.answers[id]) this.queue(id, this.answers[id]);
		}
		this.fillTimers.clear();
		this.flush();
		const until = Date.now() + ms;
		while (this.outbox.size && Date.now() < until && !this.closed) await new Promise((r) => setTimeout(r, 200));
		return this.outbox.size === 0;
	}

	/** The attempt is submitted: the server has everything that counts. */
	forget() {
		this.outbox.clear();
	}

	destroy() {
		clearTimeout(this.retryTimer);
		for (const t of this.fillTimers.values()) clearTimeout(t);
	}

	private retryLater() {
		if (this.retryTimer || this.closed) return;
		this.retryTimer = setTimeout(() => {
			this.retryTimer = undefined;
			this.flush();
		}, this.outbox.backoff());
	}

	private async send(id: number) {
		if (this.closed) return;
		const key = String(id);
		const item = this.outbox.next(key);
		if (!item) return;
		this.states[id] = 'saving';
		let ok = false;
		try {
			const res = await fetch(`/api/exams/attempts/${this.attemptId}/answers/${id}`, {
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(item)
			});
			if (res.ok) {
				ok = true;
				this.outbox.succeeded(key);
				if (!this.outbox.has(key)) this.states[id] = 'saved';
			} else if (res.status === 409 || res.status === 404) {
				this.outbox.failed(key);
				const body = await res.json().catch(() => ({}));
				this.states[id] = 'unsaved';
				this.close(body.message ?? '本次作答已结束');
			} else if (res.status === 401) {
				this.outbox.failed(key);
				this.states[id] = 'unsaved';
				this.message = { kind: 'error', text: '登录已失效：请在新标签页重新登录后回到本页，未保存的答案仍保留在本机。' };
				this.retryLater();
			} else {
				this.outbox.failed(key);
				this.states[id] = 'unsaved';
				this.retryLater();
			}
		} catch {
			this.outbox.failed(key);
			this.states[id] = 'unsaved';
			this.retryLater();
		}
		// A newer answer given while this one travelled goes next.
		if (ok && this.outbox.has(key)) void this.send(id);
	}
}
