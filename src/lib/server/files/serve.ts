import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { fileBytes, fileMeta } from './store';

type Meta = NonNullable<Awaited<ReturnType<typeof fileMeta>>>;

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
 * Who may read it and how long it may be kept is decided by the caller (./access.ts).
 */
export async function fileResponse(db: Kysely<Database>, id: string, request: Request, cacheControl: string) {
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
	if (range) {
		const length = range.end - range.start + 1;
		const bytes = await fileBytes(db, id, range.start, length);
		if (!bytes) return null;
		h.set('content-range', `bytes ${range.start}-${range.end}/${meta.size}`);
		h.set('content-length', String(bytes.byteLength));
		return new Response(bytes as Uint8Array<ArrayBuffer>, { status: 206, headers: h });
	}
	const bytes = await fileBytes(db, id);
	if (!bytes) return null;
	h.set('content-length', String(bytes.byteLength));
	return new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200, headers: h });
}
