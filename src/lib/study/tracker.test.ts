import { describe, expect, it } from 'vitest';
import { isStudying } from './activity';
import { BeatOutbox as Outbox, retryDelay, type BeatPayload } from './outbox';
import { LessonVideoTimeline, PlaybackRanges } from './playback';
import { completionText, hoursText, type HeartbeatResponse } from './status';

describe('isStudying', () => {
	const now = 1_000_000;
	it('needs a visible page and input within the last minute, or a playing video', () => {
		expect(isStudying({ visible: true, now, lastInputAt: now - 59_000, videoPlaying: false })).toBe(true);
		expect(isStudying({ visible: true, now, lastInputAt: now - 61_000, videoPlaying: false })).toBe(false);
		expect(isStudying({ visible: true, now, lastInputAt: now - 600_000, videoPlaying: true })).toBe(true);
		expect(isStudying({ visible: false, now, lastInputAt: now, videoPlaying: true })).toBe(false);
	});
});

describe('PlaybackRanges', () => {
	it('records contiguous playback and starts a new range on a seek', () => {
		const r = new PlaybackRanges();
		for (let t = 0; t <= 10; t += 0.25) r.played(t);
		r.cut(); // seeking
		for (let t = 300; t <= 305; t += 0.25) r.played(t);
		expect(r.drain()).toEqual([[0, 10], [300, 305]]);
	});

	it('treats a jump in time without a seek event as a new range too', () => {
		const r = new PlaybackRanges();
		r.played(1);
		r.played(2);
		r.played(200);
		r.played(201);
		r.played(150); // backwards
		r.played(151);
		expect(r.drain()).toEqual([[1, 2], [200, 201], [150, 151]]);
	});

	it('continues a range that is still playing across drains, without counting anything twice', () => {
		const r = new PlaybackRanges();
		for (let t = 0; t <= 14; t += 0.5) r.played(t);
		expect(r.drain()).toEqual([[0, 14]]);
		for (let t = 14.5; t <= 29; t += 0.5) r.played(t);
		expect(r.drain()).toEqual([[14, 29]]);
		expect(r.drain()).toEqual([]);
	});

	it('records nothing for a single time or a pause', () => {
		const r = new PlaybackRanges();
		r.played(42);
		r.cut();
		r.played(Number.NaN);
		expect(r.drain()).toEqual([]);
	});
});

describe('LessonVideoTimeline', () => {
	it('puts several videos end to end and holds ranges until the earlier lengths are known', () => {
		const [a, b] = [new PlaybackRanges(), new PlaybackRanges()];
		const timeline = new LessonVideoTimeline([a, b]);
		b.played(5);
		b.played(8);
		expect(timeline.drain([null, 60])).toEqual({ video: [], videoDuration: null });
		a.played(1);
		a.played(3);
		expect(timeline.drain([100, 60])).toEqual({ video: [[1, 3], [105, 108]], videoDuration: 160 });
	});

	it('has no duration when the lesson has no video', () => {
		expect(new LessonVideoTimeline([]).drain([])).toEqual({ video: [], videoDuration: null });
	});
});

describe('Outbox', () => {
	const beat = (seq: number, extra: Partial<BeatPayload> = {}): BeatPayload => ({
		lessonId: 1, tab: 'tab-abc', seq, reachedEnd: false, pause: false, video: [], videoDuration: null, ...extra
	});

	it('sends one beat at a time and folds the ones made meanwhile', () => {
		const box = new Outbox();
		box.add(beat(0));
		expect(box.next()).toEqual(beat(0));
		box.add(beat(1, { video: [[0, 10]] }));
		box.add(beat(2, { reachedEnd: true, video: [[10, 20]] }));
		expect(box.next()).toBeNull(); // seq 0 is still out
		box.succeeded();
		expect(box.next()).toEqual(beat(2, { reachedEnd: true, video: [[0, 10], [10, 20]] }));
	});

	it('keeps a pause when folding', () => {
		const box = new Outbox();
		box.add(beat(3, { pause: true }));
		box.add(beat(4));
		expect(box.next()).toMatchObject({ seq: 4, pause: true });
	});

	it('resends a failed beat with the same seq, backing off', () => {
		const box = new Outbox();
		box.add(beat(4));
		box.next();
		expect(box.failed()).toBe(1000);
		expect(box.next()).toEqual(beat(4));
		expect(box.failed()).toBe(2000);
		box.next();
		box.add(beat(5, { video: [[3, 4]] }));
		expect(box.failed()).toBe(4000);
		expect(box.next()).toEqual(beat(5, { video: [[3, 4]] })); // the newer seq carries both
		box.succeeded();
		box.add(beat(6));
		box.next();
		expect(box.failed()).toBe(1000); // a success resets the backoff
		expect(retryDelay(12)).toBe(60_000);
	});

	it('hands what is unsent to the beacon', () => {
		const box = new Outbox();
		box.add(beat(7));
		expect(box.takePending()).toEqual(beat(7));
		expect(box.next()).toBeNull();
	});
});

describe('status line', () => {
	const r = (extra: Partial<HeartbeatResponse>): HeartbeatResponse => ({
		secondsCredited: 750, capSeconds: 5400, minSeconds: 2700, completed: false, reachedEnd: false, videoSeconds: 0, credited: 15, duplicate: false, ...extra
	});
	it('shows the time credited to the second against the cap and what is left to complete the lesson', () => {
		// to the second, so the line moves with every accepted beat (15 s), not once a minute
		expect(hoursText(r({}))).toBe('本课已计学时 12 分 30 秒 / 上限 90 分钟');
		expect(hoursText(r({ secondsCredited: 765 }))).toBe('本课已计学时 12 分 45 秒 / 上限 90 分钟');
		expect(hoursText(r({ secondsCredited: 45, capSeconds: 1350 }))).toBe('本课已计学时 0 分 45 秒 / 上限 22.5 分钟');
		expect(completionText(r({}))).toBe('读到末尾并学满 45 分钟即完成');
		expect(completionText(r({ reachedEnd: true }))).toBe('已读到末尾，学满 45 分钟即完成');
		expect(completionText(r({ secondsCredited: 3000 }))).toBe('读到末尾即完成');
		expect(completionText(r({ completed: true, reachedEnd: true }))).toBe('已完成');
	});
});
