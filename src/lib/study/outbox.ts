import { MAX_RANGES_PER_BEAT, type Range } from './constants';

export interface BeatPayload {
	lessonId: number;
	tab: string;
	seq: number;
	reachedEnd: boolean;
	/** Last beat before the page is hidden, left or idle: the server stops the clock after it. */
	pause: boolean;
	video: Range[];
	videoDuration: number | null;
}

/**
 * Two unsent beats as one: the later seq, everything either one carried. A pause in either one is
 * kept: at worst the clock stops once too often (a beat's worth of time lost, never time gained).
 */
export function foldBeats(a: BeatPayload, b: BeatPayload): BeatPayload {
	let video = [...a.video, ...b.video];
	if (video.length > MAX_RANGES_PER_BEAT) video = video.slice(-MAX_RANGES_PER_BEAT);
	return { ...b, reachedEnd: a.reachedEnd || b.reachedEnd, pause: a.pause || b.pause, video, videoDuration: b.videoDuration ?? a.videoDuration };
}

/** Delay before the n-th retry in a row: 1, 2, 4 … 60 s. */
export const retryDelay = (failures: number) => Math.min(60, 2 ** Math.max(0, failures - 1)) * 1000;

/**
 * Beats waiting to reach the server. One request at a time; beats made meanwhile are folded into
 * one, and a failed beat is sent again with its own seq (the server ignores a beat it already has).
 */
export class Outbox {
	private pending: BeatPayload | null = null;
	private inFlight: BeatPayload | null = null;
	private failures = 0;

	add(beat: BeatPayload) {
		this.pending = this.pending ? foldBeats(this.pending, beat) : beat;
	}

	/** The beat to send now, or null (nothing waiting, or a request is out). */
	next(): BeatPayload | null {
		if (this.inFlight || !this.pending) return null;
		this.inFlight = this.pending;
		this.pending = null;
		return this.inFlight;
	}

	succeeded() {
		this.inFlight = null;
		this.failures = 0;
	}

	/** The beat goes back in front of the queue; returns how long to wait before trying again. */
	failed(): number {
		if (this.inFlight) this.pending = this.pending ? foldBeats(this.inFlight, this.pending) : this.inFlight;
		this.inFlight = null;
		this.failures++;
		return retryDelay(this.failures);
	}

	/** Everything not yet sent, for a beacon as the page goes away. */
	takePending(): BeatPayload | null {
		const beat = this.pending;
		this.pending = null;
		return beat;
	}

	get busy() {
		return this.inFlight !== null;
	}
}
