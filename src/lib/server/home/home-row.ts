import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { prepared } from '../db/prepared';
import { enrolledCohorts, nextRequiredLessons, ownProgress } from '../cohorts/learner';
import { lastStudiedLessonQuery } from '../study/last-lesson';
import { upcomingQuery } from '../attendance/learner';
import { myExamsQuery } from '../quiz/learner-exam';
import { heldCertificatesQuery } from '../certificates/held';
import { menteesDueQuery, ownRecordQuery, thoughtReportInQuery } from '../development/submissions/due';
import type { Db } from '$lib/server/db';

/**
 * Everything the learner's home page reads about one person, as ONE statement: each part is the
 * query its own page runs (myCohorts' three, lastStudiedLesson, upcomingFor, myExams,
 * heldCertificates, the record and dueFor's own and mentees' parts), nested as a JSON column.
 * One round trip instead of ten, and built by Kysely once (prepared): building these queries on
 * every request cost the one Node thread more than PostgreSQL took to answer them.
 *
 * JSON hands timestamps back as text; reviveHome (learner-home.ts) turns them into Dates.
 */
export const homeRow = prepared(
	(db: Db, personId: number, scheduledAfter: Date, cancelledAfter: Date, today: string, quarter: string, quarterFrom: string, quarterTo: string, half: string) =>
		db.selectNoFrom(() => [
			jsonObjectFrom(ownRecordQuery(db, personId)).as('record'),
			jsonArrayFrom(enrolledCohorts(db, personId)).as('cohorts'),
			jsonArrayFrom(ownProgress(db, personId)).as('progress'),
			jsonArrayFrom(nextRequiredLessons(db, personId)).as('nextLessons'),
			jsonObjectFrom(lastStudiedLessonQuery(db, personId)).as('continueWith'),
			jsonArrayFrom(upcomingQuery(db, personId, scheduledAfter, cancelledAfter)).as('sessions'),
			jsonArrayFrom(myExamsQuery(db, personId)).as('exams'),
			jsonArrayFrom(heldCertificatesQuery(db, personId)).as('certificates'),
			thoughtReportInQuery(db, personId, quarter, quarterFrom, quarterTo).as('reported'),
			jsonArrayFrom(menteesDueQuery(db, personId, today, half)).as('mentees')
		])
);
