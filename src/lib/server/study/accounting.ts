import { MAX_GAP_SECONDS, MAX_PLAYBACK_RATE, MAX_VIDEO_SECONDS, type Range } from '$lib/study/constants';

// The rules of study-hour accounting, as plain functions. repository.ts does the same in one SQL
// statement (for speed and for concurrency); repository.test.ts replays scenarios through both.

/** The server's clock of a person's last beat: one per person, so two tabs share it. */
export interface ClockState {
	lastBeatAt: Date;
	lastTab: string;
	lastSeq: number;
	/** The learner's page said it was hidden or idle: the next beat starts the clock afresh. */
	paused: boolean;
}

export interface BeatStamp {
	tab: string;
	seq: number;
	/** When the server received the beat: never a time the client claims. */
	at: Date;
	/** The last beat before the page is hidden, left or idle: credit up to now, then stop. */
	pause?: boolean;
}

export interface ClockStep {
	/** A resend of a beat already counted (same tab, seq not above the last one). */
	duplicate: boolean;
	/** Whole seconds of study this beat earns, before the lesson's cap. */
	elapsed: number;
	next: ClockState;
}

/**
 * Time counts only between two beats of the same person that are close together: a longer gap
 * means the page was hidden, idle or closed, and so does a gap after a pause beat (a page hidden
 * for 20 s must not earn them). Credit is whole seconds; the fraction stays on the clock (it moves
 * forward by the credited seconds only), so rounding never adds time however often beats come.
 */
export function advanceClock(prev: ClockState | null, beat: BeatStamp, maxGap = MAX_GAP_SECONDS): ClockStep {
	const stamp = { lastTab: beat.tab, lastSeq: beat.seq, paused: beat.pause ?? false };
	if (!prev) return { duplicate: false, elapsed: 0, next: { lastBeatAt: beat.at, ...stamp } };
	if (prev.lastTab === beat.tab && beat.seq <= prev.lastSeq) return { duplicate: true, elapsed: 0, next: prev };
	const gap = (beat.at.getTime() - prev.lastBeatAt.getTime()) / 1000;
	if (prev.paused) return { duplicate: false, elapsed: 0, next: { lastBeatAt: new Date(Math.max(beat.at.getTime(), prev.lastBeatAt.getTime())), ...stamp } };
	// A beat that lost a race with a later one: no credit, and the clock never runs backwards.
	if (gap < 0) return { duplicate: false, elapsed: 0, next: { lastBeatAt: prev.lastBeatAt, ...stamp } };
	if (gap > maxGap) return { duplicate: false, elapsed: 0, next: { lastBeatAt: beat.at, ...stamp } };
	const elapsed = Math.floor(gap);
	return { duplicate: false, elapsed, next: { lastBeatAt: new Date(prev.lastBeatAt.getTime() + elapsed * 1000), ...stamp } };
}

export interface StudySettings {
	/** Length of one 学时 in minutes (app_setting 'study.credit_hour_minutes'). */
	creditHourMinutes: number;
	/** Minimum study before a lesson read to its end counts as complete; null = half its cap. */
	minLessonMinutes: number | null;
}

export const defaultStudySettings: StudySettings = { creditHourMinutes: 45, minLessonMinutes: null };

export interface LessonRule {
	capSeconds: number;
	minSeconds: number;
}

/**
 * A lesson of 2 学时 earns at most 2 × 45 minutes. By default it is complete when read to the end
 * after half of that: proportional to the lesson's weight, and always reachable. A fixed minimum
 * from the settings is held to the cap for the same reason.
 */
export function lessonRule(creditHours: number, settings: StudySettings): LessonRule {
	const capSeconds = Math.round(creditHours * settings.creditHourMinutes * 60);
	const minSeconds =
		settings.minLessonMinutes === null ? Math.floor(capSeconds / 2) : Math.min(capSeconds, Math.round(settings.minLessonMinutes * 60));
	return { capSeconds, minSeconds };
}

const tenth = (x: number) => Math.round(x * 10) / 10;

/** Valid, in-bounds ranges in the order sent (tenths of a second); empty or reversed ones dropped. */
export function normalizeRanges(ranges: readonly Range[], duration?: number | null): Range[] {
	const end = Math.min(duration ?? MAX_VIDEO_SECONDS, MAX_VIDEO_SECONDS);
	const out: Range[] = [];
	for (const [from, to] of ranges) {
		const f = tenth(Math.max(0, from));
		const t = tenth(Math.min(end, to));
		if (t > f) out.push([f, t]);
	}
	return out;
}

/**
 * Keep the first `budget` seconds of playback, in the order watched: a claim beyond wall time is
 * cut. Counted in whole tenths so the SQL twin (numeric) gets exactly the same ranges.
 */
export function clipToBudget(ranges: readonly Range[], budget: number): Range[] {
	const out: Range[] = [];
	let left = Math.round(budget * 10);
	for (const [from, to] of ranges) {
		if (left <= 0) break;
		const f = Math.round(from * 10);
		const t = Math.round(to * 10);
		const end = Math.min(t, f + left);
		if (end > f) out.push([f / 10, end / 10]);
		left -= t - f;
	}
	return out;
}

/** Union of ranges, sorted; touching or overlapping ranges become one. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
	const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	const out: Range[] = [];
	for (const [f, t] of sorted) {
		const last = out.at(-1);
		if (last && f <= last[1]) last[1] = Math.max(last[1], t);
		else out.push([f, t]);
	}
	return out;
}

export const rangesLength = (ranges: readonly Range[]) => ranges.reduce((sum, [f, t]) => sum + Math.round(t * 10) - Math.round(f * 10), 0) / 10;

export interface LessonProgressState {
	secondsCredited: number;
	reachedEnd: boolean;
	videoRanges: Range[];
	videoSeconds: number;
	completed: boolean;
}

export const emptyProgress: LessonProgressState = { secondsCredited: 0, reachedEnd: false, videoRanges: [], videoSeconds: 0, completed: false };

export interface BeatContent {
	elapsed: number;
	reachedEnd: boolean;
	/** Normalized ranges watched since the previous beat. */
	video: Range[];
}

/**
 * Credit one (non-duplicate) beat to a lesson. Credit never passes the cap, and never shrinks
 * what was earned before (if a lesson is republished with fewer hours, readers apply the new cap).
 * Video earns only ranges actually played, within the beat's wall time.
 */
export function creditLesson(progress: LessonProgressState, beat: BeatContent, rule: LessonRule): LessonProgressState {
	const secondsCredited = Math.max(progress.secondsCredited, Math.min(rule.capSeconds, progress.secondsCredited + beat.elapsed));
	const reachedEnd = progress.reachedEnd || beat.reachedEnd;
	const watched = clipToBudget(beat.video, beat.elapsed * MAX_PLAYBACK_RATE);
	const videoRanges = watched.length ? mergeRanges([...progress.videoRanges, ...watched]) : progress.videoRanges;
	return {
		secondsCredited,
		reachedEnd,
		videoRanges,
		videoSeconds: watched.length ? Math.round(rangesLength(videoRanges)) : progress.videoSeconds,
		completed: progress.completed || (reachedEnd && secondsCredited >= rule.minSeconds)
	};
}
