import { Outbox, retryDelay } from '$lib/outbox/outbox';
import { MAX_RANGES_PER_BEAT, type Range } from './constants';

export { retryDelay };
const BEATS = 'beats';

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

/**
 * Beats waiting to reach the server: one queue (the generic outbox under one key). One request at a
 * time; beats made meanwhile are folded into one, and a failed beat is sent again with its own seq
 * (the server ignores a beat it already has).
 */
export class BeatOutbox {
	private box = new Outbox<BeatPayload>({ fold: foldBeats, maxDelaySeconds: 60 });

	add(beat: BeatPayload) {
		this.box.add(BEATS, beat);
	}

	/** The beat to send now, or null (nothing waiting, or a request is out). */
	next(): BeatPayload | null {
		return this.box.next(BEATS);
	}

	succeeded() {
		this.box.succeeded(BEATS);
	}

	/** The beat goes back in front of the queue; returns how long to wait before trying again. */
	failed(): number {
		this.box.failed(BEATS);
		return this.box.backoff();
	}

	/** Everything not yet sent, for a beacon as the page goes away. */
	takePending(): BeatPayload | null {
		return this.box.takePending(BEATS);
	}

	get busy() {
		return this.box.busy;
	}
}
