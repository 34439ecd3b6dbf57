// npm run bench:search — lesson search at school scale: 5,000 (BENCH_LESSONS) published lessons of
// ~3,000 Chinese characters (BENCH_CHARS) each, indexed by the publishing trigger
// (migrations/20261203085019_lesson_search.ts), then the search the course list runs (first page,
// ranked, with the course hits) for two- and four-character queries, common and rare, on PGlite
// and on PostgreSQL 15 (BENCH_DATABASE_URL, or a throwaway one). Needs no build: it measures the
// server code against each database directly. Prints one JSON object on its last line.
import { execFileSync } from 'node:child_process';
import postgres from 'postgres';
import { sql } from 'kysely';
import { openPglite, openPostgres, type OpenDatabase } from '../src/lib/server/db/engine';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { search } from '../src/lib/server/search/lessons';
import { calibrateHost } from './lib/calibrate';

const LESSONS = Number(process.env.BENCH_LESSONS ?? 5000);
const CHARS = Number(process.env.BENCH_CHARS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

// The words lessons are written in, most frequent first (a Zipf-like draw), as in 党课 texts.
const WORDS = (
	'党员 组织 中国共产党 人民 社会主义 发展 坚持 思想 建设 领导 群众 理论 实践 制度 纪律 学习 政治 国家 历史 时代 ' +
	'民主集中制 初心使命 理想信念 全心全意 为人民服务 马克思主义 实事求是 群众路线 独立自主 党的建设 从严治党 ' +
	'支部 书记 积极分子 发展对象 预备党员 入党申请书 思想汇报 培养联系人 党费 党章 宗旨 先锋队 先进性 纯洁性 ' +
	'改革开放 新时代 中国特色 伟大复兴 共同富裕 自我革命 批评与自我批评 组织生活 三会一课 民主评议 党性修养 ' +
	'高校 学生 青年 奋斗 担当 奉献 责任 作风 廉洁 监督 团结 统一 意志 行动 服从 原则 规定 程序 考察 培养 教育'
).split(' ');
const PUNCT = ['，', '，', '，', '。', '；', '、'];

/** A seeded generator, so both engines index the same lessons. */
function random(seed: number) {
	return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

function lessonHtml(rand: () => number) {
	let text = '';
	let html = '';
	while (text.length < CHARS) {
		let p = '';
		for (let s = 0; s < 6; s++) {
			const n = 4 + Math.floor(rand() * 8);
			for (let w = 0; w < n; w++) p += WORDS[Math.floor(WORDS.length * rand() ** 2.2)];
			p += PUNCT[Math.floor(rand() * PUNCT.length)];
		}
		p = p.replace(/[，；、]$/, '。');
		text += p;
		html += `<p>${p.replace('民主集中制', '<strong>民主集中制</strong>')}</p>\n`;
	}
	return html;
}

// Common and rare: a query's cost grows with the lessons whose pairs it shares.
const QUERIES = {
	two: ['党员', '组织', '纪律', '监督', '廉洁', '作风', '奉献', '党费', '复兴', '宪法'],
	four: ['民主集中', '初心使命', '理想信念', '从严治党', '组织生活', '三会一课', '党性修养', '自我革命', '共同富裕', '依法治国']
};

function startPostgres() {
	if (process.env.BENCH_DATABASE_URL) return { adminUrl: process.env.BENCH_DATABASE_URL, stop() {} };
	const out = execFileSync('bash', ['-c', 'PGPORT=${PGPORT:-55499} source .ci/postgres.sh start >/dev/null && echo "$PG_URL $PG_TMP"'], { encoding: 'utf8' });
	const [adminUrl, dir] = out.trim().split(' ');
	return { adminUrl, stop: () => execFileSync('bash', ['.ci/postgres.sh', 'stop', dir]) };
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const round = (x: number) => Math.round(x * 10) / 10;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

async function measure(opened: OpenDatabase, engine: string) {
	const { db } = opened;
	await migrateToLatest(db);
	const course = await db
		.insertInto('course')
		.values({ code: 'BENCH', title: '压测课程', category: 'activist_training', source: 'browser', description: '' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const rand = random(17);
	const t0 = process.hrtime.bigint();
	for (let i = 0; i < LESSONS; i += 250) {
		const n = Math.min(250, LESSONS - i);
		const lessons = await db
			.insertInto('lesson')
			.values(Array.from({ length: n }, (_, k) => ({ courseId: course.id, slug: `l${i + k}`, sortOrder: i + k, title: `第${i + k + 1}课`, creditHours: 1 })))
			.returning('id')
			.execute();
		await db
			.insertInto('lessonVersion')
			.values(lessons.map((l, k) => ({ lessonId: l.id, version: 1, title: `第${i + k + 1}课`, creditHours: 1, required: true, body: '', html: lessonHtml(rand), contentHash: `h${i + k}` })))
			.execute();
	}
	const generated = ms(t0);
	// Publishing every lesson at once: the trigger fills the index row by row, as publish does.
	const t1 = process.hrtime.bigint();
	await sql`update lesson set published_version_id = v.id from lesson_version v where v.lesson_id = lesson.id`.execute(db);
	const indexed = ms(t1);
	await sql`analyze`.execute(db);
	const { rows: size } = await sql<{ bytes: string | number }>`select pg_total_relation_size('lesson_search') as bytes`.execute(db);
	console.error(`[bench] ${engine}: ${LESSONS} lessons generated in ${Math.round(generated)} ms, indexed in ${Math.round(indexed)} ms`);

	const result: Record<string, number> = {
		index_ms: Math.round(indexed),
		index_ms_per_lesson: round(indexed / LESSONS),
		index_mb: round(Number(size[0].bytes) / 1e6)
	};
	for (const [kind, queries] of Object.entries(QUERIES)) {
		for (const q of queries) await search(db, q, 1); // warm-up
		const times: number[] = [];
		const hits: number[] = [];
		for (let r = 0; r < ROUNDS; r++) {
			for (const q of queries) {
				const t = process.hrtime.bigint();
				const found = await search(db, q, 1);
				times.push(ms(t));
				if (r === 0) hits.push(found.total);
			}
		}
		result[`${kind}_char_median_ms`] = round(quantile(times, 0.5));
		result[`${kind}_char_p95_ms`] = round(quantile(times, 0.95));
		result[`${kind}_char_hits_median`] = quantile(hits, 0.5);
		result[`${kind}_char_hits_max`] = Math.max(...hits);
		console.error(`[bench] ${engine} ${kind}-character: median ${result[`${kind}_char_median_ms`]} ms, p95 ${result[`${kind}_char_p95_ms`]} ms, lessons found ${hits.join('/')}`);
	}
	return result;
}

const pg = startPostgres();
const name = `dx_bench_search_${process.pid}`;
const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
try {
	// Before any load: how fast the machine is right now (bench/lib/calibrate.ts).
	const host = await calibrateHost(pg.adminUrl);
	const pglite = await openPglite();
	const onPglite = await measure(pglite, 'pglite').finally(() => pglite.close());

	await admin.unsafe(`drop database if exists ${name}`);
	await admin.unsafe(`create database ${name}`);
	const url = new URL(pg.adminUrl);
	url.pathname = `/${name}`;
	const postgresql = openPostgres(url.toString(), 4);
	const onPostgres = await measure(postgresql, 'postgresql').finally(() => postgresql.close());

	const summary = { lessons: LESSONS, chars_per_lesson: CHARS, rounds: ROUNDS, queries: QUERIES, pglite: onPglite, postgresql: onPostgres, host };
	console.log(JSON.stringify(summary));
} finally {
	await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
	await admin.end();
	pg.stop();
}
