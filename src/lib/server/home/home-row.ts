import { sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { prepared } from '../db/prepared';
import { creditHourMinutes, hoursSql, requiredDoneSql, requiredSql } from '../cohorts/progress';
import { lastStudiedLessonQuery } from '../study/last-lesson';
import { upcomingQuery } from '../attendance/learner';
import { myExamsQuery } from '../quiz/learner-exam';
import { heldCertificatesQuery } from '../certificates/held';
import { menteesDueQuery, ownRecordQuery, thoughtReportInQuery } from '../development/submissions/due';
import type { Db } from '$lib/server/db';

/** One enrolled cohort with the learner's progress in it, as the home page's statement returns it. */
export interface HomeCohortRow {
	id: number;
	name: string;
	startsOn: string;
	endsOn: string;
	status: 'open' | 'closed';
	courseId: number;
	courseCode: string;
	courseTitle: string;
	requiredHours: number;
	lessonsRequired: number;
	lessonsDone: number;
	hoursCredited: number;
	onlineDone: boolean;
	nextLesson: { slug: string; title: string } | null;
	/** [seconds credited, the lesson's 学时] of each published lesson studied: examReadiness counts 学时 from them (hoursOfStudied). */
	studied: [number, number | string][] | null;
}

/**
 * A learner's cohorts with their progress and next lesson in ONE pass over each course's published
 * lessons (myCohorts reads the same as three queries: enrolledCohorts, progressQuery and
 * nextRequiredLessons; the counts and 学时 use progress.ts's own expressions over the same `pub`
 * and `lp`, and the 学时 setting is read once for the whole statement). It also carries what the
 * exam's readiness needs (the lessons studied, for hoursForPeople's sum), so the home page asks no
 * second statement for it.
 */
function cohortsWithProgress(personId: number) {
	return sql<HomeCohortRow[]>`(
		select coalesce(json_agg(json_build_object(
			'id', c.id, 'name', c.name, 'starts_on', c.starts_on, 'ends_on', c.ends_on, 'status', c.status,
			'course_id', c.course_id, 'course_code', k.code, 'course_title', k.title, 'required_hours', c.required_hours,
			'lessons_required', p.lessons_required, 'lessons_done', p.lessons_done, 'hours_credited', p.hours_credited,
			'online_done', p.lessons_done >= p.lessons_required and p.hours_credited >= c.required_hours,
			'next_lesson', p.next_lesson, 'studied', p.studied
		) order by c.ends_on desc, c.id desc), '[]')
		from enrollment e
		join cohort c on c.id = e.cohort_id
		join course k on k.id = c.course_id
		cross join setting
		cross join lateral (
			select ${requiredSql} as lessons_required, ${requiredDoneSql} as lessons_done, ${hoursSql} as hours_credited,
				(array_agg(json_build_object('slug', pub.slug, 'title', pub.title) order by pub.sort_order, pub.lesson_id)
					filter (where pub.required and lp.completed_at is null))[1] as next_lesson,
				json_agg(json_build_array(lp.seconds_credited, pub.credit_hours)) filter (where lp.person_id is not null) as studied
			from (
				select l.id as lesson_id, l.slug, l.sort_order, v.title, v.credit_hours, v.required
				from lesson l join lesson_version v on v.id = l.published_version_id
				where l.course_id = c.course_id
			) as pub
			left join lesson_progress lp on lp.person_id = e.person_id and lp.lesson_id = pub.lesson_id
		) as p
		where e.person_id = ${personId}
	)`;
}

/**
 * Everything the learner's home page reads about one person, as ONE statement: the cohorts with
 * their progress (above), and each other part as the query its own page runs (lastStudiedLesson,
 * upcomingFor, myExams, heldCertificates, the record and dueFor's own and mentees' parts), nested
 * as a JSON column. One round trip instead of ten, and built by Kysely once (prepared): building
 * these queries on every request cost the one Node thread more than PostgreSQL took to answer them.
 *
 * JSON hands timestamps back as text; reviveHome (learner-home.ts) turns them into Dates.
 */
export const homeRow = prepared(
	(db: Db, personId: number, scheduledAfter: Date, cancelledAfter: Date, today: string, quarter: string, quarterFrom: string, quarterTo: string, half: string) =>
		db
			// Read once: a CTE that is not materialised is read again wherever it is named.
			.with((cte) => cte('setting').materialized(), (q) => q.selectNoFrom(creditHourMinutes.as('minutes')))
			.selectNoFrom(() => [
				jsonObjectFrom(ownRecordQuery(db, personId)).as('record'),
				cohortsWithProgress(personId).as('cohorts'),
				jsonObjectFrom(lastStudiedLessonQuery(db, personId)).as('continueWith'),
				jsonArrayFrom(upcomingQuery(db, personId, scheduledAfter, cancelledAfter)).as('sessions'),
				jsonArrayFrom(myExamsQuery(db, personId)).as('exams'),
				jsonArrayFrom(heldCertificatesQuery(db, personId)).as('certificates'),
				thoughtReportInQuery(db, personId, quarter, quarterFrom, quarterTo).as('reported'),
				jsonArrayFrom(menteesDueQuery(db, personId, today, half)).as('mentees')
			])
);
