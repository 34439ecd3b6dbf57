import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildAttendanceSchool, insertSession } from '../../../test-support/attendance';
import { buildCourse } from '../../../test-support/cohorts';
import { requestLeave } from '../attendance/leave';
import { saveFile } from './store';
import { CACHE_LESSON_MEDIA, CACHE_PRIVATE, fileReadDecision } from './access';
import { tinyPdf, tinyPng } from '../../../test-support/files';

let t: OpenDatabase;
let school: Awaited<ReturnType<typeof buildAttendanceSchool>>;
let leaveFile: string;
let developmentFile: string;
let lessonFile: string;
let draftFile: string;
let orphanFile: string;

const stored = async (name: string, bytes: Uint8Array, courseId: number | null = null) => {
	const saved = await saveFile(t.db, { name, bytes, courseId, actorId: null });
	if (!saved.ok) throw new Error(saved.message);
	return saved.id;
};

beforeAll(async () => {
	t = await testDatabase();
	school = await buildAttendanceSchool(t.db);
	const { a1 } = school.learners;
	const sessionId = await insertSession(t.db, school.cohortId, new Date(Date.now() + 7 * 86400_000));
	const leave = await requestLeave(t.db, a1.id, sessionId, '住院', { name: '诊断证明.pdf', contentType: 'application/pdf', data: tinyPdf });
	if (!leave.ok) throw new Error(leave.message);
	leaveFile = (await t.db.selectFrom('leaveRequest').select('fileId').where('id', '=', leave.id).executeTakeFirstOrThrow()).fileId!;

	developmentFile = await stored('入党申请书.pdf', tinyPdf);
	await t.db
		.insertInto('developmentEntry')
		.values({ personId: school.learners.m1.id, kind: 'application', occurredOn: '2026-03-01', details: {}, attachmentId: developmentFile })
		.execute();

	const course = await buildCourse(t.db, 'FILES');
	lessonFile = await stored('figure.png', tinyPng, course.id);
	draftFile = await stored('draft.pdf', tinyPdf, course.id);
	await t.db
		.updateTable('lessonVersion')
		.set({ html: `<p><img src="/files/${lessonFile}" alt=""></p>` })
		.where('lessonId', '=', course.lessons.one)
		.execute();
	orphanFile = await stored('orphan.png', tinyPng);
});
afterAll(() => t.close());

describe('who may read a stored file', () => {
	it('a leave attachment: the learner, the session instructor and the secretary of the learner; no one else, never cached', async () => {
		const { users, learners } = school;
		for (const reader of [learners.a1, users.instructor, users.secretary, users.organizer, users.admin]) {
			expect(await fileReadDecision(t.db, reader, leaveFile), reader.username).toEqual({ ok: true, cacheControl: CACHE_PRIVATE });
		}
		for (const other of [learners.a2, learners.m1, users.secretary2, users.medOrganizer, users.instructor2]) {
			expect(await fileReadDecision(t.db, other, leaveFile), other.username).toEqual({ ok: false, status: 403 });
		}
	});

	it('a development attachment: the person and development viewers of their unit only', async () => {
		const { users, learners } = school;
		for (const reader of [learners.m1, users.secretary2, users.medOrganizer, users.admin]) {
			expect(await fileReadDecision(t.db, reader, developmentFile), reader.username).toEqual({ ok: true, cacheControl: CACHE_PRIVATE });
		}
		for (const other of [learners.m2, learners.a1, users.secretary, users.organizer, users.instructor]) {
			expect(await fileReadDecision(t.db, other, developmentFile), other.username).toEqual({ ok: false, status: 403 });
		}
	});

	it('lesson media: every signed-in reader once the lesson is published (cacheable); draft media for authors only', async () => {
		const { users, learners } = school;
		expect(await fileReadDecision(t.db, learners.m2, lessonFile)).toEqual({ ok: true, cacheControl: CACHE_LESSON_MEDIA });
		expect(await fileReadDecision(t.db, learners.m2, draftFile)).toEqual({ ok: false, status: 403 });
		expect(await fileReadDecision(t.db, users.secretary, draftFile)).toEqual({ ok: false, status: 403 });
		expect(await fileReadDecision(t.db, users.instructor2, draftFile)).toEqual({ ok: true, cacheControl: CACHE_PRIVATE });
	});

	it('a file no record holds, an unknown id and a malformed one are not found, even for the school admin', async () => {
		const { admin } = school.users;
		for (const id of [orphanFile, '00000000-0000-4000-8000-000000000000', 'not-a-uuid', `${leaveFile}'`]) {
			expect(await fileReadDecision(t.db, admin, id), id).toEqual({ ok: false, status: 404 });
		}
	});
});
