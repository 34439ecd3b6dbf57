import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema';
import { MAX_GAP_SECONDS, MAX_PLAYBACK_RATE, type Range } from '$lib/study/constants';
import { normalizeRanges, type StudySettings } from './accounting';
import type { HeartbeatResponse } from '$lib/study/status';

/**
 * Whose beat: a person (tests, replays), or a session id (the SHA-256 the session table
 * keeps), which the statement itself checks — the endpoint then needs no separate lookup.
 */
export type Learner = { personId: number; sessionId?: never } | { sessionId: string; personId?: never };

export type HeartbeatInput = Learner & Beat;

/** What one heartbeat says. */
export interface Beat {
	lessonId: number;
	tab: string;
	seq: number;
	reachedEnd: boolean;
	/** The page is being hidden, left or has gone idle: credit up to now, then stop the clock. */
	pause?: boolean;
	/** Ranges of the lesson's video played since the previous beat, in the order played. */
	video: Range[];
	videoDuration?: number | null;
	/** Server time of arrival; a parameter so tests can replay a timeline. */
	at?: Date;
}

// The tracker in the browser reads the same shape: one type, so the two cannot drift apart.
export type HeartbeatResult = HeartbeatResponse;

/** Sorted union of the [from, to] pairs in a jsonb array, and its length in whole seconds. */
function mergedRanges(ranges: RawBuilder<unknown>) {
	return sql`
		select coalesce(jsonb_agg(jsonb_build_array(f, t) order by f), '[]'::jsonb), coalesce(round(sum(t - f)), 0)::int
		from (
			select min(f) as f, max(t) as t
			from (
				select f, t, sum(starts) over (order by f, t rows unbounded preceding) as island
				from (
					select f, t,
						case when f <= max(t) over (order by f, t rows between unbounded preceding and 1 preceding) then 0 else 1 end as starts
					from (select (r ->> 0)::numeric as f, (r ->> 1)::numeric as t from jsonb_array_elements(${ranges}) as r) as pairs
				) as marked
			) as numbered
			group by island
		) as islands`;
}

/**
 * Record one heartbeat in ONE statement (the endpoint's only query, session check included): check
 * the session, enrolment and publication, lock and advance the person's clock, and credit the
 * lesson, capped.
 * The same rules as accounting.ts (advanceClock, creditLesson), which the tests hold it to.
 *
 * study_clock.last_seq < 0 marks a clock stopped by a pause beat; the beat's seq is then
 * -last_seq - 1 (kept, so a resend of the pause is still recognised as a duplicate).
 *
 * Concurrency: `prev` locks the person's clock row (FOR UPDATE re-reads the newest version after
 * waiting), so two tabs beating at once are serialised and the second one is measured from the
 * first; lesson_progress is changed by ON CONFLICT DO UPDATE, which works on the newest row.
 *
 * Returns undefined when the session is not valid, the lesson is not published or the person is
 * not enrolled in an open cohort of its course (see heartbeatRefusal for which).
 */
export async function recordHeartbeat(db: Kysely<Database>, input: HeartbeatInput, settings: StudySettings): Promise<HeartbeatResult | undefined> {
	const at = input.at ?? new Date();
	const video = normalizeRanges(input.video, input.videoDuration);
	const minSeconds = settings.minLessonMinutes === null ? null : Math.round(settings.minLessonMinutes * 60);
	const withVideo = video.length > 0;
	const pause = input.pause ?? false;

	const me =
		input.sessionId === undefined
			? sql`select ${input.personId}::int as person_id`
			: sql`select s.person_id from auth_session s join person p on p.id = s.person_id
				where s.id = ${input.sessionId} and s.expires_at > now() and p.is_active and not p.must_change_password`;

	const { rows } = await sql<HeartbeatResult>`
		with me as (${me}),
		rule as (
			select cap_seconds,
				case when ${minSeconds}::int is null then cap_seconds / 2 else least(cap_seconds, ${minSeconds}::int) end as min_seconds
			from (
				select round(v.credit_hours * ${settings.creditHourMinutes}::numeric * 60)::int as cap_seconds
				from lesson l
				join lesson_version v on v.id = l.published_version_id
				where l.id = ${input.lessonId}
					and exists (
						select 1 from enrollment e join cohort c on c.id = e.cohort_id
						where e.person_id = (select person_id from me) and c.course_id = l.course_id and c.status = 'open')
			) as lesson_cap
		),
		prev as (
			select last_beat_at, last_tab, last_seq from study_clock
			where person_id = (select person_id from me) and exists (select 1 from rule)
			for update
		),
		gap as (
			select last_beat_at, last_tab, last_seq < 0 as paused,
				case when last_seq < 0 then -last_seq - 1 else last_seq end as seen_seq,
				extract(epoch from ${at}::timestamptz - last_beat_at) as seconds
			from prev
		),
		beat as (
			select
				coalesce(g.last_tab = ${input.tab} and ${input.seq}::int <= g.seen_seq, false) as duplicate,
				case when g.last_tab = ${input.tab} and ${input.seq}::int <= g.seen_seq then 0
					when g.paused then 0
					when g.seconds between 0 and ${MAX_GAP_SECONDS} then floor(g.seconds)::int else 0 end as elapsed,
				case
					when g.seconds is null or g.paused or g.seconds > ${MAX_GAP_SECONDS} then ${at}::timestamptz
					when g.seconds < 0 then g.last_beat_at
					-- the clock moves by the whole seconds credited; the fraction carries to the next beat
					else g.last_beat_at + floor(g.seconds) * interval '1 second'
				end as next_beat_at
			from rule left join gap g on true
		),
		clock as (
			insert into study_clock (person_id, last_beat_at, last_tab, last_seq)
			select (select person_id from me), next_beat_at, ${input.tab}, ${pause ? sql`-${input.seq}::int - 1` : sql`${input.seq}::int`}
			from beat where not duplicate
			on conflict (person_id) do update set
				last_beat_at = greatest(study_clock.last_beat_at, excluded.last_beat_at),
				last_tab = excluded.last_tab,
				last_seq = excluded.last_seq
		),
		${withVideo ? sql`
		claimed as (
			select (r ->> 0)::numeric as f, (r ->> 1)::numeric as t, n
			from jsonb_array_elements(${JSON.stringify(video)}::text::jsonb) with ordinality as x(r, n)
		),
		watched as (
			-- playback beyond the beat's wall time (× the allowed speed) earns nothing
			select coalesce(jsonb_agg(jsonb_build_array(f, t) order by n) filter (where t > f), '[]'::jsonb) as ranges
			from (
				select f, n, least(t, f + greatest(0, b.elapsed * ${MAX_PLAYBACK_RATE}
					- coalesce(sum(t - f) over (order by n rows between unbounded preceding and 1 preceding), 0))) as t
				from claimed cross join beat b
			) as clipped
		),` : sql``}
		progress as (
			insert into lesson_progress as lp
				(person_id, lesson_id, seconds_credited, reached_end, first_seen_at, last_seen_at, completed_at
				${withVideo ? sql`, video_ranges, video_seconds` : sql``})
			select (select person_id from me), ${input.lessonId}, least(r.cap_seconds, b.elapsed), ${input.reachedEnd}::boolean, ${at}::timestamptz, ${at}::timestamptz,
				case when ${input.reachedEnd}::boolean and least(r.cap_seconds, b.elapsed) >= r.min_seconds then ${at}::timestamptz end
				${withVideo ? sql`, m.ranges, m.seconds` : sql``}
			from rule r cross join beat b
			${withVideo ? sql`cross join lateral (${mergedRanges(sql`(select ranges from watched)`)}) as m(ranges, seconds)` : sql``}
			where not b.duplicate
			on conflict (person_id, lesson_id) do update set
				seconds_credited = greatest(lp.seconds_credited, least((select cap_seconds from rule), lp.seconds_credited + excluded.seconds_credited)),
				reached_end = lp.reached_end or excluded.reached_end,
				last_seen_at = excluded.last_seen_at,
				${withVideo ? sql`(video_ranges, video_seconds) = (${mergedRanges(sql`lp.video_ranges || (select ranges from watched)`)}),` : sql``}
				completed_at = coalesce(lp.completed_at, case
					when (lp.reached_end or excluded.reached_end)
						and greatest(lp.seconds_credited, least((select cap_seconds from rule), lp.seconds_credited + excluded.seconds_credited))
							>= (select min_seconds from rule)
					then excluded.last_seen_at end)
			returning seconds_credited, reached_end, completed_at, video_seconds
		)
		select b.duplicate, b.elapsed as credited, r.cap_seconds, r.min_seconds,
			coalesce(p.seconds_credited, e.seconds_credited, 0) as seconds_credited,
			coalesce(p.completed_at, e.completed_at) is not null as completed,
			coalesce(p.reached_end, e.reached_end, false) as reached_end,
			coalesce(p.video_seconds, e.video_seconds, 0) as video_seconds
		from rule r cross join beat b
		left join progress p on true
		left join lesson_progress e on e.person_id = (select person_id from me) and e.lesson_id = ${input.lessonId}
	`.execute(db);
	return rows[0];
}

export interface HeartbeatRefusal {
	status: 403 | 404;
	message: string;
}

/** Why recordHeartbeat found nothing to credit (only asked on that rare path). */
export async function heartbeatRefusal(db: Kysely<Database>, lessonId: number): Promise<HeartbeatRefusal> {
	const lesson = await db.selectFrom('lesson').select('publishedVersionId').where('id', '=', lessonId).executeTakeFirst();
	if (!lesson?.publishedVersionId) return { status: 404, message: '未找到该课时或尚未发布' };
	return { status: 403, message: '您未参加包含本课的进行中培训班，学习时间不计入学时' };
}
