import type { Kysely } from 'kysely';
import type { Database } from '$lib/server/db/schema';
import { insertOrgUnit } from '$lib/server/org/units';

let counter = 0;

/** A published lesson in a course, with its course and an open cohort; for DB tests. */
export async function seedStudy(db: Kysely<Database>, lessons: { creditHours: number; published?: boolean; required?: boolean }[]) {
	const n = ++counter;
	const unit = await insertOrgUnit(db, { parentId: null, kind: 'committee', name: `党委${n}`, code: `S${n}-${Date.now()}` });
	const course = await db
		.insertInto('course')
		.values({ code: `STUDY-${n}-${Date.now()}`, title: '测试课程', category: 'activist_training', source: 'browser' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const lessonIds: number[] = [];
	for (const [i, spec] of lessons.entries()) {
		const lesson = await db
			.insertInto('lesson')
			.values({ courseId: course.id, slug: `l${i}`, sortOrder: i, title: `第${i + 1}课`, creditHours: spec.creditHours })
			.returning('id')
			.executeTakeFirstOrThrow();
		if (spec.published !== false) {
			const version = await db
				.insertInto('lessonVersion')
				.values({
					lessonId: lesson.id, version: 1, title: `第${i + 1}课`, creditHours: spec.creditHours, required: spec.required ?? true,
					body: '正文', html: '<p>正文</p>', contentHash: `h${i}`
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await db.updateTable('lesson').set({ publishedVersionId: version.id }).where('id', '=', lesson.id).execute();
		}
		lessonIds.push(lesson.id);
	}
	const cohort = await db
		.insertInto('cohort')
		.values({ courseId: course.id, name: `第${n}期`, orgUnitId: unit.id, startsOn: '2026-01-01', endsOn: '2026-12-31', requiredHours: 4 })
		.returning('id')
		.executeTakeFirstOrThrow();

	async function person(enrolled = true) {
		const p = await db
			.insertInto('person')
			.values({ username: `u${n}-${++counter}-${Date.now()}`, name: '学员', gender: 'female', orgUnitId: unit.id })
			.returning('id')
			.executeTakeFirstOrThrow();
		if (enrolled) await db.insertInto('enrollment').values({ cohortId: cohort.id, personId: p.id }).execute();
		return p.id;
	}
	return { unitId: unit.id, courseId: course.id, cohortId: cohort.id, lessonIds, person };
}
