import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { sql, type KyselyPlugin } from 'kysely';
import { testDatabase } from '../../../test-support/db';
import type { Db, OpenDatabase } from '../db/engine';
import { saveFile } from './store';
import { FILE_CHUNK_BYTES, fileResponse } from './serve';
import { CACHE_LESSON_MEDIA } from './access';
import { tinyMp4 } from '../../../test-support/files';

// A download must not hold the whole file: these tests watch the real statements' results
// (a Kysely plugin on the real database) to see how many bytes each read brought back, and when.

const CHUNK = 64 * 1024;
const SIZE = 5 * CHUNK + 1234; // five whole chunks and a part
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A video-looking file of `size` random bytes. */
function video(size: number) {
	const bytes = new Uint8Array(size);
	bytes.set(randomBytes(size));
	bytes.set(tinyMp4.subarray(0, 12));
	return bytes;
}

/** The database, and every `data` value its statements returned (sizes, in order). */
function watched(db: Db) {
	const reads: number[] = [];
	const plugin: KyselyPlugin = {
		transformQuery: (args) => args.node,
		transformResult: async (args) => {
			for (const row of args.result.rows as Record<string, unknown>[]) if (row.data instanceof Uint8Array) reads.push(row.data.byteLength);
			return args.result;
		}
	};
	return { db: db.withPlugin(plugin), reads, total: () => reads.reduce((a, b) => a + b, 0) };
}

const get = (range?: string) => new Request('http://x/', range ? { headers: { range } } : undefined);

let t: OpenDatabase;
let bytes: Uint8Array;
let id: string;
beforeAll(async () => {
	t = await testDatabase();
	bytes = video(SIZE);
	const saved = await saveFile(t.db, { name: '第一课.mp4', bytes, courseId: null, actorId: null });
	if (!saved.ok) throw new Error(saved.message);
	id = saved.id;
});
afterAll(() => t.close());

describe('a large file is sent in bounded reads', () => {
	it('answers before reading the file, then reads one chunk at a time, exactly the bytes', async () => {
		const w = watched(t.db);
		const res = (await fileResponse(w.db, id, get(), CACHE_LESSON_MEDIA, { chunkBytes: CHUNK }))!;
		expect(res.status).toBe(200);
		expect(res.headers.get('content-length')).toBe(String(SIZE));
		expect(res.headers.get('etag')).toBe(`"${sha(bytes)}"`);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		// Headers first: not one byte of the file has been read yet.
		expect(w.total()).toBe(0);

		const reader = res.body!.getReader();
		const first = await reader.read();
		expect(first.value!.byteLength).toBe(CHUNK);
		// The client has taken one chunk: no more than that one has been read.
		expect(w.total()).toBe(CHUNK);

		const parts = [first.value!];
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			parts.push(value);
		}
		expect(w.reads).toEqual([CHUNK, CHUNK, CHUNK, CHUNK, CHUNK, 1234]);
		expect(sha(Buffer.concat(parts))).toBe(sha(bytes));
	});

	it('stops reading when the download is cancelled', async () => {
		const w = watched(t.db);
		const res = (await fileResponse(w.db, id, get(), CACHE_LESSON_MEDIA, { chunkBytes: CHUNK }))!;
		const reader = res.body!.getReader();
		await reader.read();
		await reader.read();
		await reader.cancel();
		await new Promise((r) => setTimeout(r, 50));
		expect(w.reads).toEqual([CHUNK, CHUNK]);
	});

	it('with the default chunk size, a file of several chunks comes back whole', async () => {
		const big = video(2 * FILE_CHUNK_BYTES + 17);
		const saved = await saveFile(t.db, { name: '大文件.mp4', bytes: big, courseId: null, actorId: null });
		if (!saved.ok) throw new Error(saved.message);
		const w = watched(t.db);
		const res = (await fileResponse(w.db, saved.id, get(), CACHE_LESSON_MEDIA))!;
		expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(sha(big));
		expect(w.reads).toEqual([FILE_CHUNK_BYTES, FILE_CHUNK_BYTES, 17]);
	});
});

describe('ranges', () => {
	it('serves ranges that start, end and cross at chunk boundaries, in bounded reads', async () => {
		const cases: [string, number, number][] = [
			[`bytes=0-${CHUNK - 1}`, 0, CHUNK - 1],
			[`bytes=${CHUNK - 1}-${CHUNK}`, CHUNK - 1, CHUNK],
			[`bytes=${CHUNK}-${2 * CHUNK - 1}`, CHUNK, 2 * CHUNK - 1],
			[`bytes=${CHUNK - 1}-${3 * CHUNK}`, CHUNK - 1, 3 * CHUNK],
			[`bytes=${2 * CHUNK}-`, 2 * CHUNK, SIZE - 1],
			[`bytes=-${CHUNK + 1}`, SIZE - CHUNK - 1, SIZE - 1],
			[`bytes=${SIZE - 1}-${SIZE + 5000}`, SIZE - 1, SIZE - 1],
			// What a browser's <video> asks for first: everything, as a range.
			['bytes=0-', 0, SIZE - 1]
		];
		for (const [range, start, end] of cases) {
			const w = watched(t.db);
			const res = (await fileResponse(w.db, id, get(range), CACHE_LESSON_MEDIA, { chunkBytes: CHUNK }))!;
			expect(res.status, range).toBe(206);
			expect(res.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/${SIZE}`);
			expect(res.headers.get('content-length'), range).toBe(String(end - start + 1));
			expect(w.total(), range).toBe(0);
			const got = new Uint8Array(await res.arrayBuffer());
			expect(sha(got), range).toBe(sha(bytes.subarray(start, end + 1)));
			expect(Math.max(...w.reads), range).toBeLessThanOrEqual(CHUNK);
			expect(w.total(), range).toBe(end - start + 1);
		}
	});

	it('answers a range outside the file 416 without reading it, and ignores ranges it does not serve', async () => {
		for (const range of [`bytes=${SIZE}-`, `bytes=${SIZE + 10}-${SIZE + 20}`, 'bytes=5-3', 'bytes=-0', 'bytes=99999999999999999999999-']) {
			const w = watched(t.db);
			const res = (await fileResponse(w.db, id, get(range), CACHE_LESSON_MEDIA, { chunkBytes: CHUNK }))!;
			expect(res.status, range).toBe(416);
			expect(res.headers.get('content-range'), range).toBe(`bytes */${SIZE}`);
			expect(w.total(), range).toBe(0);
		}
		// Several ranges, other units and garbage: the whole file (a server may ignore Range).
		for (const range of ['bytes=0-1,4-5', 'items=0-5', 'bytes=abc', 'bytes=-']) {
			const res = (await fileResponse(t.db, id, get(range), CACHE_LESSON_MEDIA, { chunkBytes: CHUNK }))!;
			expect(res.status, range).toBe(200);
			expect(sha(new Uint8Array(await res.arrayBuffer())), range).toBe(sha(bytes));
		}
	});
});

describe('storage', () => {
	it('keeps file bytes uncompressed, so a slice reads only its own part of the value', async () => {
		const column = await sql<{ attstorage: string }>`
			select attstorage from pg_attribute where attrelid = 'stored_file'::regclass and attname = 'data'`.execute(t.db);
		expect(column.rows[0].attstorage).toBe('e');
		// Compressible bytes (a run of zeros) are stored as they are.
		const zeros = new Uint8Array(200_000);
		zeros.set(tinyMp4.subarray(0, 12));
		const saved = await saveFile(t.db, { name: 'zeros.mp4', bytes: zeros, courseId: null, actorId: null });
		if (!saved.ok) throw new Error(saved.message);
		const stored = await sql<{ compression: string | null }>`
			select pg_column_compression(data) as compression from stored_file where id = ${saved.id}`.execute(t.db);
		expect(stored.rows[0].compression).toBeNull();
	});
});
