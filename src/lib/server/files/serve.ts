import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { fileBytes, fileMeta } from './store';

type Meta = NonNullable<Awaited<ReturnType<typeof fileMeta>>>;

/**
 * How much of a file one read takes from the database. A download holds about one chunk at a
 * time (the one the socket is sending), so 50 learners opening a 100 MB video cost ~50 MB, not
 * 5 GB; postgres.js brings a chunk as hex text first, twice its size, hence not bigger.
 */
export const FILE_CHUNK_BYTES = 1024 * 1024;

/**
 * Bytes [start, end] of a stored file, read a chunk at a time and only when the client has taken
 * the one before (highWaterMark 0: no read ahead). A cancelled download (the client went away)
 * reads no further. Stored files never change, so the chunks of different statements fit together.
 */
function fileStream(db: Kysely<Database>, id: string, start: number, end: number, chunkBytes: number) {
	let next = start;
	let cancelled = false;
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				const length = Math.min(chunkBytes, end + 1 - next);
				const bytes = await fileBytes(db, id, next, length);
				if (cancelled) return;
				// Deleted meanwhile (a replaced leave attachment): the answer cannot be completed.
				if (!bytes || bytes.byteLength !== length) return controller.error(new Error(`stored file ${id} ended at byte ${next}`));
				next += length;
				controller.enqueue(bytes);
				if (next > end) controller.close();
			},
			cancel() {
				cancelled = true;
			}
		},
		{ highWaterMark: 0 }
	) as ReadableStream<Uint8Array<ArrayBuffer>>;
}

/** A single `bytes=a-b` range within size, or null (then the whole file is sent). */
export function parseRange(header: string | null, size: number): { start: number; end: number } | 'unsatisfiable' | null {
	const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
	if (!m || (m[1] === '' && m[2] === '')) return null;
	let start: number;
	let end: number;
	if (m[1] === '') {
		// bytes=-500: the last 500 bytes
		start = Math.max(0, size - Number(m[2]));
		end = size - 1;
	} else {
		start = Number(m[1]);
		end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
	}
	if (start >= size || end < start) return 'unsatisfiable';
	return { start, end };
}

function headers(meta: Meta, cacheControl: string) {
	const inline = meta.contentType !== 'image/svg+xml';
	const h = new Headers({
		'content-type': meta.contentType,
		etag: `"${meta.sha256}"`,
		'cache-control': cacheControl,
		'x-content-type-options': 'nosniff',
		'accept-ranges': 'bytes',
		'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(meta.name)}`
	});
	// Opened directly, an SVG runs in an opaque origin with no script; as an <img> it never runs any.
	if (!inline) h.set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
	return h;
}

/**
 * GET /files/<id>: the bytes with their type, validators and caching; single ranges for video.
 * Who may read it and how long it may be kept is decided by the caller (./access.ts). The body
 * streams from the database in chunks (`chunkBytes`, FILE_CHUNK_BYTES unless a test says).
 */
export async function fileResponse(db: Kysely<Database>, id: string, request: Request, cacheControl: string, options: { chunkBytes?: number } = {}) {
	const meta = await fileMeta(db, id);
	if (!meta) return null;
	const h = headers(meta, cacheControl);
	const etag = h.get('etag')!;
	const inm = request.headers.get('if-none-match');
	if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return new Response(null, { status: 304, headers: h });

	const ifRange = request.headers.get('if-range');
	const range = !ifRange || ifRange === etag ? parseRange(request.headers.get('range'), meta.size) : null;
	if (range === 'unsatisfiable') {
		h.set('content-range', `bytes */${meta.size}`);
		return new Response(null, { status: 416, headers: h });
	}
	const { start, end } = range ?? { start: 0, end: meta.size - 1 };
	if (range) h.set('content-range', `bytes ${start}-${end}/${meta.size}`);
	h.set('content-length', String(end - start + 1));
	const body = end < start ? null : fileStream(db, id, start, end, options.chunkBytes ?? FILE_CHUNK_BYTES);
	return new Response(body, { status: range ? 206 : 200, headers: h });
}
