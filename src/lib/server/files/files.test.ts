import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { checkUpload, uploadLimits } from './limits';
import { cleanFileName, fileBytes, saveFile } from './store';
import { fileResponse, parseRange } from './serve';
import { CACHE_LESSON_MEDIA } from './access';
import { tinyMp4, tinyPdf, tinyPng } from '../../../test-support/files';

const [pdf, mp4] = [tinyPdf, tinyMp4];
const evilSvg = new TextEncoder().encode('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>');

let t: OpenDatabase;
beforeAll(async () => {
	t = await testDatabase();
});
afterAll(() => t.close());

describe('upload checks', () => {
	it('reads the type from the bytes', () => {
		expect(checkUpload('a.png', tinyPng)).toEqual({ ok: true, contentType: 'image/png', kind: 'image' });
		expect(checkUpload('讲义.PDF', pdf)).toMatchObject({ ok: true, contentType: 'application/pdf' });
		expect(checkUpload('v.mp4', mp4)).toMatchObject({ ok: true, contentType: 'video/mp4', kind: 'video' });
		expect(checkUpload('fig.svg', evilSvg)).toMatchObject({ ok: true, contentType: 'image/svg+xml' });
	});

	it('refuses other types, renamed files, empty and oversized files with a clear message', () => {
		expect(checkUpload('page.html', new TextEncoder().encode('<html><script>alert(1)</script>'))).toEqual({
			ok: false, message: '不支持“page.html”的文件类型。只能上传图片（PNG、JPEG、GIF、WebP、SVG）、PDF、视频（MP4、WebM）、字幕（WebVTT）'
		});
		expect(checkUpload('photo.png', pdf)).toEqual({ ok: false, message: '“photo.png”的内容是 PDF 文件，与扩展名不符，请改正扩展名后重新上传' });
		expect(checkUpload('fake.svg', new TextEncoder().encode('<html><svg></svg></html>'))).toMatchObject({ ok: false });
		expect(checkUpload('empty.png', new Uint8Array())).toEqual({ ok: false, message: '“empty.png”是空文件' });
		const big = new Uint8Array(uploadLimits.image + 1);
		big.set(tinyPng);
		expect(checkUpload('big.png', big)).toEqual({ ok: false, message: '“big.png”有 5.0 MB，超过了图片的上限 5 MB' });
		const bigVideo = new Uint8Array(uploadLimits.image + 1);
		bigVideo.set(mp4);
		expect(checkUpload('ok.mp4', bigVideo)).toMatchObject({ ok: true });
	});

	it('takes WebVTT captions for lesson videos, up to 1 MB', () => {
		const vtt = new TextEncoder().encode('\uFEFFWEBVTT\n\n00:00.000 --> 00:04.000\n同学们好\n');
		expect(checkUpload('第一课.vtt', vtt)).toEqual({ ok: true, contentType: 'text/vtt; charset=utf-8', kind: 'captions' });
		expect(checkUpload('subs.vtt', new TextEncoder().encode('WEBVTTX\n'))).toMatchObject({ ok: false });
		expect(checkUpload('subs.srt', new TextEncoder().encode('WEBVTT\n'))).toEqual({
			ok: false,
			message: '“subs.srt”的内容是 VTT 文件，与扩展名不符，请改正扩展名后重新上传'
		});
		const big = new Uint8Array(uploadLimits.captions + 1).fill(0x20);
		big.set(new TextEncoder().encode('WEBVTT\n'));
		expect(checkUpload('big.vtt', big)).toEqual({ ok: false, message: '“big.vtt”有 1.0 MB，超过了字幕的上限 1 MB' });
	});

	it('keeps only a clean base name', () => {
		expect(cleanFileName('../../etc/passwd')).toBe('passwd');
		expect(cleanFileName('C:\\照片\\"图"\n.png')).toBe('图.png');
	});
});

describe('stored files', () => {
	it('stores in the database, deduplicates, audits, and refuses bad files', async () => {
		const saved = await saveFile(t.db, { name: 'dot.png', bytes: tinyPng, courseId: null, actorId: null });
		expect(saved).toMatchObject({ ok: true, contentType: 'image/png', size: tinyPng.byteLength });
		const again = await saveFile(t.db, { name: 'dot.png', bytes: tinyPng, courseId: null, actorId: null });
		expect(again.ok && saved.ok && again.id === saved.id).toBe(true);
		expect(await saveFile(t.db, { name: 'x.png', bytes: pdf, courseId: null, actorId: null })).toMatchObject({ ok: false });
		const audit = await t.db.selectFrom('auditLog').select(['action', 'after']).where('action', '=', 'file.upload').execute();
		expect(audit).toEqual([{ action: 'file.upload', after: expect.objectContaining({ name: 'dot.png', size: tinyPng.byteLength }) }]);
		if (saved.ok) expect(await fileBytes(t.db, saved.id)).toEqual(tinyPng);
	});

	it('serves bytes with type, length, etag, immutable caching and nosniff', async () => {
		const saved = await saveFile(t.db, { name: '图 1.png', bytes: tinyPng, courseId: null, actorId: null });
		if (!saved.ok) throw new Error(saved.message);
		const res = (await fileResponse(t.db, saved.id, new Request('http://x/'), CACHE_LESSON_MEDIA))!;
		expect(res.status).toBe(200);
		expect(Object.fromEntries(res.headers)).toMatchObject({
			'content-type': 'image/png',
			'content-length': String(tinyPng.byteLength),
			'cache-control': 'private, max-age=31536000, immutable',
			'x-content-type-options': 'nosniff',
			'content-disposition': "inline; filename*=UTF-8''%E5%9B%BE%201.png",
			etag: expect.stringMatching(/^"[0-9a-f]{64}"$/)
		});
		expect(new Uint8Array(await res.arrayBuffer())).toEqual(tinyPng);
		const cached = (await fileResponse(t.db, saved.id, new Request('http://x/', { headers: { 'if-none-match': res.headers.get('etag')! } }), CACHE_LESSON_MEDIA))!;
		expect(cached.status).toBe(304);
		expect(await fileResponse(t.db, 'not-a-uuid', new Request('http://x/'), CACHE_LESSON_MEDIA)).toBeNull();
		expect(await fileResponse(t.db, '00000000-0000-4000-8000-000000000000', new Request('http://x/'), CACHE_LESSON_MEDIA)).toBeNull();
	});

	it('answers Range requests for video', async () => {
		const saved = await saveFile(t.db, { name: 'clip.mp4', bytes: mp4, courseId: null, actorId: null });
		if (!saved.ok) throw new Error(saved.message);
		const part = (await fileResponse(t.db, saved.id, new Request('http://x/', { headers: { range: 'bytes=4-11' } }), CACHE_LESSON_MEDIA))!;
		expect(part.status).toBe(206);
		expect(part.headers.get('content-range')).toBe(`bytes 4-11/${mp4.byteLength}`);
		expect(new TextDecoder().decode(await part.arrayBuffer())).toBe('ftypmp42');
		const tail = (await fileResponse(t.db, saved.id, new Request('http://x/', { headers: { range: 'bytes=-4' } }), CACHE_LESSON_MEDIA))!;
		expect(tail.headers.get('content-length')).toBe('4');
		const bad = (await fileResponse(t.db, saved.id, new Request('http://x/', { headers: { range: 'bytes=9999-' } }), CACHE_LESSON_MEDIA))!;
		expect(bad.status).toBe(416);
		expect(parseRange('bytes=0-', 10)).toEqual({ start: 0, end: 9 });
		expect(parseRange('bytes=2-99', 10)).toEqual({ start: 2, end: 9 });
		expect(parseRange('bytes=0-1,4-5', 10)).toBeNull();
	});

	it('serves SVG sandboxed and as an attachment, so its script never runs', async () => {
		const saved = await saveFile(t.db, { name: 'evil.svg', bytes: evilSvg, courseId: null, actorId: null });
		if (!saved.ok) throw new Error(saved.message);
		const res = (await fileResponse(t.db, saved.id, new Request('http://x/'), CACHE_LESSON_MEDIA))!;
		expect(res.headers.get('content-type')).toBe('image/svg+xml');
		expect(res.headers.get('content-security-policy')).toContain('sandbox');
		expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
		expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
	});
});
