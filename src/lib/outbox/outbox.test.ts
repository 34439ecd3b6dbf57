import { describe, expect, it } from 'vitest';
import { Outbox, retryDelay, type OutboxStore } from './outbox';

type Answer = { response: number; seq: number };

function memoryStore(initial: Record<string, Answer> | 'broken' = {}) {
	let kept: string | null = initial === 'broken' ? '{not json' : JSON.stringify(initial);
	const store: OutboxStore<Answer> = {
		load: () => JSON.parse(kept ?? '{}'),
		save: (items) => void (kept = Object.keys(items).length ? JSON.stringify(items) : null)
	};
	return { store, kept: () => (kept === null ? null : JSON.parse(kept)) };
}

describe('Outbox (one queue per key)', () => {
	it('sends one request per key at a time, keys independently, the newest item winning', () => {
		const box = new Outbox<Answer>();
		box.add('1', { response: 0, seq: 1 });
		box.add('2', { response: 1, seq: 2 });
		expect(box.next('1')).toEqual({ response: 0, seq: 1 });
		box.add('1', { response: 2, seq: 3 });
		expect(box.next('1')).toBeNull(); // seq 1 is still out
		expect(box.ready()).toEqual(['2']);
		expect(box.next('2')).toEqual({ response: 1, seq: 2 });
		box.succeeded('1');
		expect(box.has('1')).toBe(true);
		expect(box.next('1')).toEqual({ response: 2, seq: 3 });
		box.succeeded('1');
		box.succeeded('2');
		expect(box.size).toBe(0);
	});

	it('puts a failed item back in front, unless something newer came meanwhile', () => {
		const box = new Outbox<Answer>();
		box.add('1', { response: 0, seq: 1 });
		box.next('1');
		box.failed('1');
		expect(box.next('1')).toEqual({ response: 0, seq: 1 });
		box.add('1', { response: 3, seq: 2 });
		box.failed('1');
		expect(box.next('1')).toEqual({ response: 3, seq: 2 });
	});

	it('backs off 1, 2, 4 … up to its limit, and starts again after a success', () => {
		const box = new Outbox<Answer>({ maxDelaySeconds: 15 });
		expect([1, 2, 3, 4, 5, 6].map(() => box.backoff())).toEqual([1000, 2000, 4000, 8000, 15000, 15000]);
		box.succeeded('x');
		expect(box.backoff()).toBe(1000);
		box.resetBackoff();
		expect(box.backoff()).toBe(1000);
		expect(retryDelay(12)).toBe(60_000);
	});

	it('keeps everything the server has not confirmed in its store, travelling items included', () => {
		const mem = memoryStore();
		const box = new Outbox<Answer>({ store: mem.store });
		box.add('7', { response: 1, seq: 1 });
		box.next('7');
		expect(mem.kept()).toEqual({ 7: { response: 1, seq: 1 } });
		box.add('7', { response: 2, seq: 2 });
		expect(mem.kept()).toEqual({ 7: { response: 2, seq: 2 } });
		box.succeeded('7');
		expect(mem.kept()).toEqual({ 7: { response: 2, seq: 2 } });
		box.next('7');
		box.succeeded('7');
		expect(mem.kept()).toBeNull();
	});

	it('hands back what an earlier page kept, and replaces an unreadable copy', () => {
		expect(new Outbox<Answer>({ store: memoryStore({ 3: { response: 1, seq: 9 } }).store }).restore()).toEqual({ 3: { response: 1, seq: 9 } });
		const broken = memoryStore('broken');
		expect(new Outbox<Answer>({ store: broken.store }).restore()).toEqual({});
		expect(broken.kept()).toBeNull();
	});
});
