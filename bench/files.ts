// npm run bench:files — 50 learners downloading one 100 MB lesson video at once from one
// production server on a throwaway PostgreSQL: how much the server's memory grows (its VmRSS,
// sampled every 20 ms, peak against the value before), whether every download has every byte
// right (SHA-256), and how fast. Prints one JSON object on its last line.
//
// The file goes straight into stored_file (as saveFile would store it) and into a published
// lesson, so that every signed-in learner may read it; the upload path itself is not measured.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { startStack } from './lib/stack';
import { calibrateHost } from './lib/calibrate';
import { makeLearners } from './lib/learners';
import { cpuMeter } from './lib/cpu';
import { FILE_CHUNK_BYTES } from '../src/lib/server/files/serve';

const MB = 1024 * 1024;
const FILE_MB = Number(process.env.BENCH_FILE_MB ?? 100);
const DOWNLOADS = Number(process.env.BENCH_DOWNLOADS ?? 50);

function rssMb(pid: number) {
	try {
		const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
		return kb / 1024;
	} catch {
		return NaN; // the server has exited
	}
}

/** One full download, hashed as it arrives (this process keeps none of it). */
function download(url: string, cookie: string, started: number) {
	return new Promise<{ status: number; bytes: number; sha: string; firstByteMs: number }>((resolve, reject) => {
		const req = http.get(url, { headers: { cookie }, agent: false }, (res) => {
			const hash = createHash('sha256');
			let bytes = 0;
			let firstByteMs = -1;
			res.on('data', (chunk: Buffer) => {
				if (firstByteMs < 0) firstByteMs = performance.now() - started;
				bytes += chunk.byteLength;
				hash.update(chunk);
			});
			res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, sha: hash.digest('hex'), firstByteMs }));
			res.on('error', reject);
		});
		req.on('error', reject);
	});
}

const stack = await startStack();
try {
	const [url] = stack.urls;
	const serverPid = stack.pids[0];
	// Before any load: how fast the machine is right now (bench/lib/calibrate.ts).
	const host = await calibrateHost(stack.adminUrl);
	const db = stack.db;

	const course = await db.selectFrom('course').select('id').where('code', '=', 'ACT').executeTakeFirstOrThrow();
	const bytes = new Uint8Array(FILE_MB * MB);
	for (let off = 0; off < bytes.byteLength; off += 64 * MB) bytes.set(randomBytes(Math.min(64 * MB, bytes.byteLength - off)), off);
	bytes.set([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypmp42')]);
	const digest = createHash('sha256').update(bytes).digest('hex');
	const file = await db
		.insertInto('storedFile')
		.values({ name: '压测视频.mp4', contentType: 'video/mp4', size: bytes.byteLength, sha256: digest, data: bytes, courseId: course.id })
		.returning('id')
		.executeTakeFirstOrThrow();
	const lesson = await db
		.selectFrom('lesson')
		.select('publishedVersionId')
		.where('courseId', '=', course.id)
		.where('publishedVersionId', 'is not', null)
		.orderBy('sortOrder')
		.executeTakeFirstOrThrow();
	await db
		.updateTable('lessonVersion')
		.set((eb) => ({ html: eb('html', '||', `<video src="/files/${file.id}" controls></video>`) }))
		.where('id', '=', lesson.publishedVersionId!)
		.execute();
	const learners = await makeLearners(db, DOWNLOADS, { prefix: 'files' });
	const fileUrl = `${url}/files/${file.id}`;

	// The route warmed (code loaded, statements prepared) with a small range, then the baseline.
	const probe = await fetch(fileUrl, { headers: { cookie: learners[0].cookie, range: 'bytes=0-1023' } });
	if (probe.status !== 206 || (await probe.arrayBuffer()).byteLength !== 1024) throw new Error(`range probe answered ${probe.status}`);
	await new Promise((r) => setTimeout(r, 1000));
	const rssBefore = rssMb(serverPid);

	let rssPeak = rssBefore;
	const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(serverPid) || 0)), 20);
	const meter = cpuMeter(stack.pids, { postgresPid: stack.postgresPid });
	const started = performance.now();
	const results = await Promise.all(learners.map((l) => download(fileUrl, l.cookie, started)));
	const seconds = (performance.now() - started) / 1000;
	const cpu = meter();
	clearInterval(sampler);
	rssPeak = Math.max(rssPeak, rssMb(serverPid) || 0);

	const complete = results.filter((r) => r.status === 200 && r.bytes === bytes.byteLength);
	const shaRight = results.filter((r) => r.sha === digest).length;
	const received = results.reduce((a, r) => a + r.bytes, 0);
	const summary = {
		rss_growth_mb: Math.round(rssPeak - rssBefore),
		downloads: complete.length,
		sha_ok: shaRight === DOWNLOADS,
		sha_right: shaRight,
		mb_per_s: Math.round(received / MB / seconds),
		seconds: Math.round(seconds * 10) / 10,
		first_byte_max_ms: Math.round(Math.max(...results.map((r) => r.firstByteMs))),
		rss_before_mb: Math.round(rssBefore),
		rss_peak_mb: Math.round(rssPeak),
		file_mb: FILE_MB,
		concurrent: DOWNLOADS,
		chunk_mb: FILE_CHUNK_BYTES / MB,
		statuses: [...new Set(results.map((r) => r.status))],
		cpu,
		host
	};
	console.error(
		`${complete.length}/${DOWNLOADS} downloads of ${FILE_MB} MB, ${shaRight} with the right SHA-256, ${summary.mb_per_s} MB/s; server RSS ${summary.rss_before_mb} → peak ${summary.rss_peak_mb} MB (+${summary.rss_growth_mb})`
	);
	console.log(JSON.stringify(summary));
} finally {
	await stack.stop();
}
