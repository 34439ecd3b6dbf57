// npm run bench:exam — the exam-day peak on the production build and PostgreSQL: 2,000
// learners start one exam within 10 s, save answers at 400/s for 60 s, then all submit
// within 30 s; afterwards every acknowledged answer and submission is checked in the
// database. Prints one JSON object on its last line. BENCH_LEARNERS, BENCH_SAVE_SECONDS
// and BENCH_SAVES_PER_S shrink it for a quick try.
import { startStack } from './lib/stack';
import { makeLearners } from './lib/learners';
import { runExamBench } from './exam-core';

const learnersWanted = Number(process.env.BENCH_LEARNERS ?? 2000);
const stack = await startStack();
try {
	const [url] = stack.urls;
	const db = stack.db;
	const course = await db.selectFrom('course').select('id').where('code', '=', 'ACT').executeTakeFirstOrThrow();
	const school = await db.selectFrom('orgUnit').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow();
	const cohort = await db
		.insertInto('cohort')
		.values({ courseId: course.id, name: '压测考试培训班', orgUnitId: school.id, startsOn: '2026-01-01', endsOn: '2027-12-31', requiredHours: 16 })
		.returning('id')
		.executeTakeFirstOrThrow();
	const learners = await makeLearners(db, learnersWanted, { cohortId: cohort.id, prefix: 'exam' });
	const summary = await runExamBench({
		url,
		db,
		learners,
		cohortId: cohort.id,
		savesPerS: Number(process.env.BENCH_SAVES_PER_S ?? 400),
		saveSeconds: Number(process.env.BENCH_SAVE_SECONDS ?? 60)
	});
	const { phases } = summary;
	console.error(
		`start p95 ${phases.start.p95_ms} ms, save p95 ${phases.save.p95_ms} ms (${phases.save.per_s}/s), submit p95 ${phases.submit.p95_ms} ms; errors ${summary.errors}, missing ${summary.missing}`
	);
	console.log(JSON.stringify(summary));
} finally {
	await stack.stop();
}
