import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import type { Range } from '$lib/study/constants';
import {
	advanceClock,
	creditLesson,
	defaultStudySettings,
	emptyProgress,
	lessonRule,
	normalizeRanges,
	type ClockState,
	type LessonProgressState,
	type StudySettings
} from './accounting';
import { heartbeatRefusal, recordHeartbeat, type Beat } from './repository';
import { seedStudy } from '../../../test-support/study';
import { createSession, generateSessionToken, sessionIdOf } from '../auth/session';

let t: OpenDatabase;
beforeAll(async () => {
	t = await testDatabase();
});
afterAll(() => t.close());

const T0 = Date.UTC(2026, 2, 1, 8);
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const settings = defaultStudySettings;

async function learner(lessons = [{ creditHours: 1 }]) {
	const s = await seedStudy(t.db, lessons);
	const personId = await s.person();
	const beat = (seconds: number, extra: Partial<Beat> = {}) =>
		recordHeartbeat(t.db, { personId, lessonId: s.lessonIds[0], tab: 'tab-a', seq: 0, reachedEnd: false, video: [], at: at(seconds), ...extra }, settings);
	return { ...s, personId, beat };
}

const progressRow = (personId: number, lessonId: number) =>
	t.db.selectFrom('lessonProgress').selectAll().where('personId', '=', personId).where('lessonId', '=', lessonId).executeTakeFirst();

/**
 * Start the beats while another connection holds the person's clock row, so that on PostgreSQL they
 * all really are in flight together (unblocked, each statement is over before the next one starts).
 * PGlite has one connection and runs them one after another.
 */
async function contended<T>(personId: number, start: () => Promise<T>[]): Promise<T[]> {
	if (t.engine !== 'postgresql') return Promise.all(start());
	let locked!: () => void;
	let release!: () => void;
	const isLocked = new Promise<void>((resolve) => (locked = resolve));
	const released = new Promise<void>((resolve) => (release = resolve));
	const holder = t.db.transaction().execute(async (trx) => {
		await sql`select 1 from study_clock where person_id = ${personId} for update`.execute(trx);
		locked();
		await released;
	});
	await isLocked;
	const beats = Promise.all(start());
	await new Promise((resolve) => setTimeout(resolve, 300));
	release();
	await holder;
	return beats;
}

describe('recordHeartbeat', () => {
	it('credits the server-measured time between beats and answers with the totals', async () => {
		const { beat } = await learner();
		expect(await beat(0, { seq: 0 })).toEqual({
			duplicate: false, credited: 0, secondsCredited: 0, capSeconds: 2700, minSeconds: 1350, completed: false, reachedEnd: false, videoSeconds: 0
		});
		expect(await beat(15, { seq: 1 })).toMatchObject({ credited: 15, secondsCredited: 15 });
		expect(await beat(30.4, { seq: 2 })).toMatchObject({ credited: 15, secondsCredited: 30 });
		expect(await beat(400, { seq: 3 })).toMatchObject({ credited: 0, secondsCredited: 30 }); // the page was hidden
	});

	it('answers a resend with the same totals and no credit (idempotent)', async () => {
		const { beat, personId, lessonIds } = await learner();
		await beat(0, { seq: 0 });
		const first = await beat(15, { seq: 1, reachedEnd: true });
		const again = await beat(16, { seq: 1, reachedEnd: true });
		expect(again).toEqual({ ...first, duplicate: true, credited: 0 });
		const clock = await t.db.selectFrom('studyClock').selectAll().where('personId', '=', personId).executeTakeFirstOrThrow();
		expect(clock.lastBeatAt).toEqual(at(15));
		expect((await progressRow(personId, lessonIds[0]))?.lastSeenAt).toEqual(at(15));
	});

	it('stops the clock at a pause beat: a short hide earns nothing, a resent pause is a duplicate', async () => {
		const { beat } = await learner();
		await beat(0, { seq: 0 });
		expect(await beat(15, { seq: 1, pause: true })).toMatchObject({ credited: 15, secondsCredited: 15 });
		expect(await beat(16, { seq: 1, pause: true })).toMatchObject({ duplicate: true, credited: 0 });
		expect(await beat(35, { seq: 2 })).toMatchObject({ duplicate: false, credited: 0, secondsCredited: 15 });
		expect(await beat(50, { seq: 3 })).toMatchObject({ credited: 15, secondsCredited: 30 });
	});

	it('does not double count beats from two tabs that arrive at the same moment', async () => {
		const { beat, personId, lessonIds } = await learner([{ creditHours: 1 }, { creditHours: 1 }]);
		await beat(0, { tab: 'tab-a', seq: 0 });
		for (let round = 1; round <= 4; round++) {
			// four tabs on two lessons, all beating in the same instant: one of them earns the 15 s
			await contended(personId, () =>
				['tab-a', 'tab-b', 'tab-c', 'tab-d'].map((tab, i) => beat(round * 15, { tab, seq: round, lessonId: lessonIds[i % 2] }))
			);
		}
		const rows = await t.db.selectFrom('lessonProgress').select('secondsCredited').where('personId', '=', personId).execute();
		expect(rows.reduce((sum, r) => sum + r.secondsCredited, 0)).toBe(60);
	});

	it('credits a resend raced against itself once', async () => {
		const { beat, personId, lessonIds } = await learner();
		await beat(0, { seq: 0 });
		const answers = await contended(personId, () => [1, 2, 3, 4].map(() => beat(15, { seq: 1 })));
		expect(answers.filter((a) => !a?.duplicate)).toHaveLength(1);
		expect((await progressRow(personId, lessonIds[0]))?.secondsCredited).toBe(15);
	});

	it('holds the lesson to its cap and completes it once, when read to the end after the minimum', async () => {
		const { beat, personId, lessonIds } = await learner([{ creditHours: 0.5 }]);
		let seq = 0;
		await beat(0, { seq: seq++ });
		expect(await beat(15, { seq: seq++, reachedEnd: true })).toMatchObject({ reachedEnd: true, completed: false, capSeconds: 1350 });
		let last;
		for (let s = 30; s <= 1800; s += 15) last = await beat(s, { seq: seq++ });
		expect(last).toMatchObject({ secondsCredited: 1350, completed: true, reachedEnd: true });
		const row = await progressRow(personId, lessonIds[0]);
		expect(row?.completedAt).toEqual(at(675)); // the beat that passed half of the 22.5 minutes
	});

	it('clips video claims to wall time and counts only watched ranges', async () => {
		const { beat, personId, lessonIds } = await learner();
		await beat(0, { seq: 0 });
		expect(await beat(15, { seq: 1, video: [[0, 3000]] })).toMatchObject({ videoSeconds: 30 });
		expect(await beat(30, { seq: 2, video: [[500, 510], [10, 25]] })).toMatchObject({ videoSeconds: 40 }); // a skip, then a rewatch
		expect(await beat(45, { seq: 3, video: [[590, 700]], videoDuration: 600 })).toMatchObject({ videoSeconds: 50 });
		expect(await beat(46, { seq: 3, video: [[100, 130]] })).toMatchObject({ duplicate: true, videoSeconds: 50 });
		expect((await progressRow(personId, lessonIds[0]))?.videoRanges).toEqual([[0, 30], [500, 510], [590, 600]]);
	});

	it('uses the length of one 学时 from the settings', async () => {
		const { personId, lessonIds } = await learner([{ creditHours: 2 }]);
		const custom: StudySettings = { creditHourMinutes: 40, minLessonMinutes: 1 };
		const input = { personId, lessonId: lessonIds[0], tab: 'tab-a', reachedEnd: true, video: [] };
		await recordHeartbeat(t.db, { ...input, seq: 0, at: at(0) }, custom);
		let last;
		for (let i = 1; i <= 4; i++) last = await recordHeartbeat(t.db, { ...input, seq: i, at: at(i * 15) }, custom);
		expect(last).toMatchObject({ capSeconds: 4800, secondsCredited: 60, completed: true });
	});

	it('checks the session inside the statement: valid credits, expired / inactive / forced password change do not', async () => {
		const { personId, lessonIds } = await learner();
		await t.db.updateTable('person').set({ mustChangePassword: false }).where('id', '=', personId).execute();
		const token = generateSessionToken();
		const session = await createSession(t.db, token, personId);
		const input = { sessionId: sessionIdOf(token), lessonId: lessonIds[0], tab: 'tab-s', reachedEnd: false, video: [] };
		// beats arrive "now" (the session is checked against the database clock)
		expect(await recordHeartbeat(t.db, { ...input, seq: 0 }, settings)).toMatchObject({ duplicate: false });
		expect(await recordHeartbeat(t.db, { ...input, seq: 1, at: new Date(Date.now() + 20_000) }, settings)).toMatchObject({ credited: 20 });

		const refused = async (change: () => Promise<unknown>, undo: () => Promise<unknown>) => {
			await change();
			const got = await recordHeartbeat(t.db, { ...input, seq: 9, at: new Date(Date.now() + 60_000) }, settings);
			await undo();
			return got;
		};
		const person = (set: { isActive?: boolean; mustChangePassword?: boolean }) => () => t.db.updateTable('person').set(set).where('id', '=', personId).execute();
		expect(await refused(person({ isActive: false }), person({ isActive: true }))).toBeUndefined();
		expect(await refused(person({ mustChangePassword: true }), person({ mustChangePassword: false }))).toBeUndefined();
		const expire = (when: Date) => () => t.db.updateTable('authSession').set({ expiresAt: when }).where('id', '=', session.id).execute();
		expect(await refused(expire(new Date(Date.now() - 1000)), expire(session.expiresAt))).toBeUndefined();
		expect(await recordHeartbeat(t.db, { ...input, sessionId: sessionIdOf('not-a-session'), seq: 9 }, settings)).toBeUndefined();
		// none of the refused beats moved the clock or the credit
		expect((await progressRow(personId, lessonIds[0]))?.secondsCredited).toBe(20);
	});

	it('refuses a lesson outside the learner’s open cohorts, and an unpublished one', async () => {
		const s = await seedStudy(t.db, [{ creditHours: 1 }, { creditHours: 1, published: false }]);
		const outsider = await s.person(false);
		const enrolled = await s.person();
		const input = (personId: number, lessonId: number) => ({ personId, lessonId, tab: 'tab-a', seq: 0, reachedEnd: false, video: [] });

		expect(await recordHeartbeat(t.db, input(outsider, s.lessonIds[0]), settings)).toBeUndefined();
		expect(await heartbeatRefusal(t.db, s.lessonIds[0])).toMatchObject({ status: 403 });
		expect(await recordHeartbeat(t.db, input(enrolled, s.lessonIds[1]), settings)).toBeUndefined();
		expect(await heartbeatRefusal(t.db, s.lessonIds[1])).toMatchObject({ status: 404 });
		expect(await heartbeatRefusal(t.db, 987654)).toMatchObject({ status: 404 });

		await t.db.updateTable('cohort').set({ status: 'closed' }).where('id', '=', s.cohortId).execute();
		expect(await recordHeartbeat(t.db, input(enrolled, s.lessonIds[0]), settings)).toBeUndefined();
		// nothing was written for any refused beat
		const clocks = await t.db.selectFrom('studyClock').select('personId').where('personId', 'in', [outsider, enrolled]).execute();
		expect(clocks).toEqual([]);
	});
});

/** A small deterministic PRNG, so a failing replay can be rerun. */
function prng(seed: number) {
	return () => {
		seed = (seed * 1103515245 + 12345) % 2147483648;
		return seed / 2147483648;
	};
}

describe('the SQL statement follows the pure rules', () => {
	it('on a random timeline of tabs, lessons, gaps, resends, ends and video claims', async () => {
		const s = await seedStudy(t.db, [{ creditHours: 0.2 }, { creditHours: 1 }]);
		const personId = await s.person();
		const rules = s.lessonIds.map((_, i) => lessonRule([0.2, 1][i], settings));
		const random = prng(20260301);
		let clock: ClockState | null = null;
		const model = new Map<number, LessonProgressState>();
		const seqs: Record<string, number> = {};
		let now = 0;
		const seen = { duplicates: 0, gaps: 0, pauses: 0 };
		for (let i = 0; i < 250; i++) {
			now += random() < 0.1 ? 20 + random() * 60 : random() * 18;
			now = Math.round(now * 1000) / 1000;
			const tab = ['tab-a', 'tab-b', 'tab-c'][Math.floor(random() * 3)];
			const resend = random() < 0.1 && seqs[tab] !== undefined;
			const seq = resend ? seqs[tab] - Math.floor(random() * 2) : (seqs[tab] = (seqs[tab] ?? -1) + 1);
			const lessonIndex = random() < 0.7 ? 0 : 1;
			const video: Range[] = random() < 0.4 ? [[Math.floor(random() * 600), Math.floor(random() * 600) + random() * 60]] : [];
			const videoDuration = random() < 0.5 ? 620 : null;
			const pause = random() < 0.1;
			const input = { personId, lessonId: s.lessonIds[lessonIndex], tab, seq, pause, reachedEnd: random() < 0.05, video, videoDuration, at: at(now) };

			const got = await recordHeartbeat(t.db, input, settings);
			const step = advanceClock(clock, { tab, seq, at: at(now), pause });
			clock = step.next;
			const before = model.get(lessonIndex) ?? emptyProgress;
			const after = step.duplicate
				? before
				: creditLesson(before, { elapsed: step.elapsed, reachedEnd: input.reachedEnd, video: normalizeRanges(video, videoDuration) }, rules[lessonIndex]);
			model.set(lessonIndex, after);
			if (step.duplicate) seen.duplicates++;
			else if (step.elapsed === 0) seen.gaps++;
			if (pause && !step.duplicate) seen.pauses++;
			expect({ step: i, ...got }).toEqual({
				step: i,
				duplicate: step.duplicate,
				credited: step.elapsed,
				capSeconds: rules[lessonIndex].capSeconds,
				minSeconds: rules[lessonIndex].minSeconds,
				secondsCredited: after.secondsCredited,
				completed: after.completed,
				reachedEnd: after.reachedEnd,
				videoSeconds: after.videoSeconds
			});
		}
		// the timeline did reach the cases it is meant to compare
		expect(seen.duplicates).toBeGreaterThan(5);
		expect(seen.gaps).toBeGreaterThan(5);
		expect(seen.pauses).toBeGreaterThan(5);
		expect(model.get(0)).toMatchObject({ secondsCredited: rules[0].capSeconds, completed: true });
		expect(model.get(1)?.videoRanges.length).toBeGreaterThan(1);
		for (const [index, lessonId] of s.lessonIds.entries()) {
			expect((await progressRow(personId, lessonId))?.videoRanges).toEqual(model.get(index)?.videoRanges);
		}
		const stored = await t.db.selectFrom('studyClock').selectAll().where('personId', '=', personId).executeTakeFirstOrThrow();
		expect(stored).toEqual({ personId, lastBeatAt: clock?.lastBeatAt, lastTab: clock?.lastTab, lastSeq: clock?.paused ? -clock.lastSeq - 1 : clock?.lastSeq });
	});
});
