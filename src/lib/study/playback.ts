import type { Range } from './constants';

/**
 * Contiguous playback of one video, in its own seconds, from `timeupdate` events. A jump (a seek,
 * or a time far from the last one) starts a new range, so skipping ahead records nothing between.
 */
export class PlaybackRanges {
	private closed: Range[] = [];
	private open: Range | null = null;

	/** `maxStep`: the longest step between two timeupdates that is still playback (they come ~4×/s). */
	constructor(private readonly maxStep = 3) {}

	/** The video played up to `time`. */
	played(time: number) {
		if (!Number.isFinite(time) || time < 0) return;
		if (this.open && time >= this.open[1] && time - this.open[1] <= this.maxStep) this.open[1] = time;
		else {
			this.cut();
			this.open = [time, time];
		}
	}

	/** A seek, pause or end: the next time played starts a new range. */
	cut() {
		if (this.open && this.open[1] > this.open[0]) this.closed.push(this.open);
		this.open = null;
	}

	/** The ranges played since the last drain; a range still playing goes on from where it was cut. */
	drain(): Range[] {
		const out = this.closed;
		this.closed = [];
		if (this.open && this.open[1] > this.open[0]) {
			out.push([this.open[0], this.open[1]]);
			this.open = [this.open[1], this.open[1]];
		}
		return out;
	}
}

/**
 * A lesson's videos on one timeline (the server keeps one list of ranges per lesson): video i starts
 * where the ones before it end. Ranges of a video wait while an earlier video's length is unknown.
 */
export class LessonVideoTimeline {
	private readonly waiting: Range[][];

	constructor(readonly videos: PlaybackRanges[]) {
		this.waiting = videos.map(() => []);
	}

	drain(durations: (number | null)[]): { video: Range[]; videoDuration: number | null } {
		const video: Range[] = [];
		let offset: number | null = 0;
		for (const [i, recorder] of this.videos.entries()) {
			this.waiting[i].push(...recorder.drain());
			if (offset !== null && this.waiting[i].length) {
				for (const [f, t] of this.waiting[i]) video.push([round(offset + f), round(offset + t)]);
				this.waiting[i] = [];
			}
			const d = durations[i];
			offset = offset !== null && d !== null && Number.isFinite(d) ? offset + d : null;
		}
		return { video, videoDuration: this.videos.length && offset !== null ? round(offset) : null };
	}
}

const round = (x: number) => Math.round(x * 10) / 10;
