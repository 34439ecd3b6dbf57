import { describe, expect, it } from 'vitest';
import {
	advanceClock,
	clipToBudget,
	creditLesson,
	emptyProgress,
	lessonRule,
	mergeRanges,
	normalizeRanges,
	rangesLength,
	type ClockState,
	type LessonProgressState,
	type LessonRule
} from './accounting';
import type { Range } from '$lib/study/constants';

const T0 = Date.UTC(2026, 2, 1, 8);
const at = (seconds: number) => new Date(T0 + seconds * 1000);

interface SimBeat {
	t: number;
	tab?: string;
	seq?: number;
	lesson?: number;
	reachedEnd?: boolean;
	video?: Range[];
	pause?: boolean;
}

/** Replays beats through the pure rules; returns per-lesson progress and every beat's credit. */
function simulate(beats: SimBeat[], rules: Record<number, LessonRule> = { 1: lessonRule(1, { creditHourMinutes: 45, minLessonMinutes: null }) }) {
	let clock: ClockState | null = null;
	const progress = new Map<number, LessonProgressState>();
	const seqs = new Map<string, number>();
	const credits: number[] = [];
	for (const b of beats) {
		const tab = b.tab ?? 'tab-a';
		const seq = b.seq ?? (seqs.get(tab) ?? -1) + 1;
		seqs.set(tab, Math.max(seq, seqs.get(tab) ?? -1));
		const step = advanceClock(clock, { tab, seq, at: at(b.t), pause: b.pause });
		clock = step.next;
		credits.push(step.elapsed);
		if (step.duplicate) continue;
		const lesson = b.lesson ?? 1;
		progress.set(lesson, creditLesson(progress.get(lesson) ?? emptyProgress, { elapsed: step.elapsed, reachedEnd: b.reachedEnd ?? false, video: b.video ?? [] }, rules[lesson]));
	}
	const total = credits.reduce((a, b) => a + b, 0);
	return { progress, credits, total, clock, seconds: (lesson = 1) => progress.get(lesson)?.secondsCredited ?? 0 };
}

const every = (from: number, to: number, step: number, extra: Omit<SimBeat, 't'> = {}) =>
	Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => ({ t: from + i * step, ...extra }));

describe('the clock', () => {
	it('credits the time between beats of an open, visible page; the first beat only starts the clock', () => {
		const run = simulate(every(0, 60, 15));
		expect(run.credits).toEqual([0, 15, 15, 15, 15]);
		expect(run.seconds()).toBe(60);
	});

	it('gives nothing for a gap while the page was hidden, then counts again', () => {
		// visible 0–30, hidden (no beats) until 300, visible again
		const run = simulate([...every(0, 30, 15), ...every(300, 330, 15)]);
		expect(run.credits).toEqual([0, 15, 15, 0, 15, 15]);
		expect(run.seconds()).toBe(60);
	});

	it('forgives one missed beat but not an idle learner', () => {
		expect(simulate([{ t: 0 }, { t: 30 }]).total).toBe(30); // one beat lost on the way
		expect(simulate([{ t: 0 }, { t: 35 }]).total).toBe(35); // the grace
		expect(simulate([{ t: 0 }, { t: 36 }]).total).toBe(0); // idle for a minute: the tracker stopped
		expect(simulate([{ t: 0 }, { t: 15 }, { t: 100 }, { t: 115 }]).credits).toEqual([0, 15, 0, 15]);
	});

	it('does not double count two tabs of the same lesson', () => {
		const run = simulate([...every(0, 120, 15, { tab: 'tab-a' }), ...every(5, 125, 15, { tab: 'tab-b' })].sort((a, b) => a.t - b.t));
		expect(run.total).toBe(125); // wall time from the first beat to the last, not 2 × 120
		expect(run.seconds()).toBe(125);
	});

	it('splits wall time between two tabs on different lessons instead of doubling it', () => {
		const rules = { 1: lessonRule(1, { creditHourMinutes: 45, minLessonMinutes: null }), 2: lessonRule(1, { creditHourMinutes: 45, minLessonMinutes: null }) };
		const beats = [...every(0, 300, 15, { tab: 'tab-a', lesson: 1 }), ...every(7, 307, 15, { tab: 'tab-b', lesson: 2 })].sort((a, b) => a.t - b.t);
		const run = simulate(beats, rules);
		expect(run.seconds(1) + run.seconds(2)).toBe(307);
		expect(run.seconds(1)).toBeGreaterThan(100);
		expect(run.seconds(2)).toBeGreaterThan(100);
	});

	it('treats a resend (same tab, same or older seq) as a duplicate that earns nothing', () => {
		const run = simulate([
			{ t: 0, seq: 0 },
			{ t: 15, seq: 1 },
			{ t: 16, seq: 1 }, // the answer to seq 1 was lost; the tracker sends it again
			{ t: 17, seq: 0 },
			{ t: 30, seq: 2 }
		]);
		expect(run.credits).toEqual([0, 15, 0, 0, 15]);
		expect(run.seconds()).toBe(30);
		const step = advanceClock({ lastBeatAt: at(15), lastTab: 'tab-a', lastSeq: 1, paused: false }, { tab: 'tab-a', seq: 1, at: at(20) });
		const clock = { lastBeatAt: at(15), lastTab: 'tab-a', lastSeq: 1, paused: false };
		expect(step).toEqual({ duplicate: true, elapsed: 0, next: clock });
	});

	it('bounds a resend that arrives after another tab by wall time', () => {
		// tab A's seq 1 reached the server, its answer did not; tab B beat since; A resends.
		const run = simulate([
			{ t: 0, tab: 'tab-a', seq: 0 },
			{ t: 15, tab: 'tab-a', seq: 1 },
			{ t: 20, tab: 'tab-b', seq: 0 },
			{ t: 21, tab: 'tab-a', seq: 1 }
		]);
		expect(run.total).toBe(21);
	});

	it('gives nothing for a short hide announced by a pause beat', () => {
		// visible 0–30 (the pause beat at 30 still earns 15 s), hidden for 20 s, visible again
		const run = simulate([{ t: 0 }, { t: 15 }, { t: 30, pause: true }, { t: 50 }, { t: 65 }]);
		expect(run.credits).toEqual([0, 15, 15, 0, 15]);
		// without the pause the same 20 s would count, as one missed beat does
		expect(simulate([{ t: 0 }, { t: 15 }, { t: 30 }, { t: 50 }, { t: 65 }]).total).toBe(65);
	});

	it('recognises a resent pause beat, and lets a pause stop the clock for every tab', () => {
		const run = simulate([
			{ t: 0, tab: 'tab-a', seq: 0 },
			{ t: 15, tab: 'tab-a', seq: 1, pause: true },
			{ t: 16, tab: 'tab-a', seq: 1, pause: true }, // resend
			{ t: 20, tab: 'tab-b', seq: 0 }, // another tab: starts the clock again
			{ t: 35, tab: 'tab-b', seq: 1 }
		]);
		expect(run.credits).toEqual([0, 15, 0, 0, 15]);
		expect(run.clock).toMatchObject({ lastTab: 'tab-b', lastSeq: 1, paused: false });
	});

	it('never adds time through rounding, however often beats come', () => {
		const rapid = simulate(every(0, 60, 0.6)); // a misbehaving client beating 100 times a minute
		expect(rapid.total).toBe(60);
		const slow = simulate(every(0, 15.7 * 10, 15.7));
		expect(slow.total).toBe(157);
		expect(slow.clock?.lastBeatAt.getTime()).toBe(T0 + 157_000);
	});

	it('gives nothing to a beat that lost a race, and never runs the clock backwards', () => {
		const step = advanceClock({ lastBeatAt: at(30), lastTab: 'tab-a', lastSeq: 4, paused: false }, { tab: 'tab-b', seq: 0, at: at(29.5) });
		expect(step.elapsed).toBe(0);
		expect(step.next.lastBeatAt).toEqual(at(30));
		expect(step.next.lastTab).toBe('tab-b');
	});
});

describe('caps and completion', () => {
	const rule = lessonRule(0.5, { creditHourMinutes: 45, minLessonMinutes: null }); // 22.5 minutes

	it('holds a lesson to its 学时 × the length of one 学时', () => {
		expect(rule).toEqual({ capSeconds: 1350, minSeconds: 675 });
		expect(lessonRule(2, { creditHourMinutes: 40, minLessonMinutes: null }).capSeconds).toBe(4800);
		const run = simulate(every(0, 3600, 15), { 1: rule });
		expect(run.seconds()).toBe(1350);
		expect(run.total).toBe(3600); // the clock still ran: the time is not moved to another lesson
	});

	it('stops exactly at the cap within a beat', () => {
		const almost = { ...emptyProgress, secondsCredited: 1340 };
		expect(creditLesson(almost, { elapsed: 15, reachedEnd: false, video: [] }, rule).secondsCredited).toBe(1350);
	});

	it('never takes back credit when a lesson is republished with fewer hours', () => {
		const earned = { ...emptyProgress, secondsCredited: 2000 };
		expect(creditLesson(earned, { elapsed: 15, reachedEnd: false, video: [] }, rule).secondsCredited).toBe(2000);
	});

	it('completes a lesson read to its end after the minimum time, once', () => {
		const early = simulate([...every(0, 60, 15), { t: 75, reachedEnd: true }], { 1: rule });
		expect(early.progress.get(1)).toMatchObject({ reachedEnd: true, completed: false });
		const later = simulate([...every(0, 60, 15), { t: 75, reachedEnd: true }, ...every(90, 690, 15)], { 1: rule });
		expect(later.progress.get(1)).toMatchObject({ reachedEnd: true, completed: true, secondsCredited: 690 });
		// reading time alone is not enough
		const unread = simulate(every(0, 1500, 15), { 1: rule });
		expect(unread.progress.get(1)).toMatchObject({ reachedEnd: false, completed: false, secondsCredited: 1350 });
	});

	it('takes a fixed minimum from the settings, held to the cap', () => {
		expect(lessonRule(1, { creditHourMinutes: 45, minLessonMinutes: 10 })).toEqual({ capSeconds: 2700, minSeconds: 600 });
		expect(lessonRule(0.1, { creditHourMinutes: 45, minLessonMinutes: 10 })).toEqual({ capSeconds: 270, minSeconds: 270 });
		expect(lessonRule(0, { creditHourMinutes: 45, minLessonMinutes: null })).toEqual({ capSeconds: 0, minSeconds: 0 });
	});
});

describe('video', () => {
	it('cleans what the client sends: negatives, reversed, past the end, tenths', () => {
		expect(normalizeRanges([[-3, 4], [10, 5], [8, 8], [0.04, 1.26], [590, 700]], 600)).toEqual([[0, 4], [0, 1.3], [590, 600]]);
	});

	it('clips a claim to the wall time of the beat (× the allowed speed)', () => {
		// "I watched 50 minutes" in one 15-second beat
		const run = simulate([{ t: 0 }, { t: 15, video: [[0, 3000]] }]);
		expect(run.progress.get(1)?.videoRanges).toEqual([[0, 30]]);
		expect(run.progress.get(1)?.videoSeconds).toBe(30);
		expect(clipToBudget([[0, 10], [20, 40], [50, 60]], 25)).toEqual([[0, 10], [20, 35]]);
	});

	it('gives nothing for skipping ahead: only watched ranges count', () => {
		const run = simulate([{ t: 0 }, { t: 15, video: [[0, 10]] }, { t: 30, video: [[500, 512]] }]);
		expect(run.progress.get(1)?.videoRanges).toEqual([[0, 10], [500, 512]]);
		expect(run.progress.get(1)?.videoSeconds).toBe(22);
	});

	it('does not count watching the same part twice', () => {
		const run = simulate([{ t: 0 }, { t: 15, video: [[0, 15]] }, { t: 30, video: [[5, 20]] }, { t: 45, video: [[0, 15]] }]);
		expect(run.progress.get(1)?.videoRanges).toEqual([[0, 20]]);
		expect(run.progress.get(1)?.videoSeconds).toBe(20);
	});

	it('earns no video for a beat after a gap, or a resend', () => {
		const run = simulate([{ t: 0 }, { t: 300, video: [[0, 15]] }, { t: 315, seq: 1, video: [[15, 30]] }]);
		expect(run.progress.get(1)?.videoRanges).toEqual([]);
	});

	it('merges overlapping and touching ranges', () => {
		expect(mergeRanges([[30, 40], [0, 10], [10, 20], [35, 50], [60, 61]])).toEqual([[0, 20], [30, 50], [60, 61]]);
		expect(rangesLength([[0, 0.1], [0.2, 0.3]])).toBe(0.2);
	});
});
