// What may be uploaded, and how big. The type is read from the file's first bytes; the
// name's extension must agree, so a renamed file is refused with a clear reason.

const MB = 1024 * 1024;

export const uploadLimits = {
	image: 5 * MB,
	pdf: 10 * MB,
	video: 100 * MB,
	captions: 1 * MB
} as const;
export type FileKind = keyof typeof uploadLimits;

/** The largest upload of any kind: the request body limit (BODY_SIZE_LIMIT) must allow it. */
export const maxUploadBytes = Math.max(...Object.values(uploadLimits));

interface FileType {
	contentType: string;
	kind: FileKind;
	extensions: string[];
	matches(b: Uint8Array): boolean;
}

const ascii = (b: Uint8Array, at: number, text: string) => [...text].every((c, i) => b[at + i] === c.charCodeAt(0));

const types: FileType[] = [
	{ contentType: 'image/png', kind: 'image', extensions: ['png'], matches: (b) => ascii(b, 0, '\x89PNG\r\n\x1a\n') },
	{ contentType: 'image/jpeg', kind: 'image', extensions: ['jpg', 'jpeg'], matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
	{ contentType: 'image/gif', kind: 'image', extensions: ['gif'], matches: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a') },
	{ contentType: 'image/webp', kind: 'image', extensions: ['webp'], matches: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') },
	// SVG can carry script: it is accepted (content/ figures are SVG) but always served
	// sandboxed and as an attachment, so it only ever renders as an <img>.
	{ contentType: 'image/svg+xml', kind: 'image', extensions: ['svg'], matches: isSvg },
	{ contentType: 'application/pdf', kind: 'pdf', extensions: ['pdf'], matches: (b) => ascii(b, 0, '%PDF-') },
	{ contentType: 'video/mp4', kind: 'video', extensions: ['mp4', 'm4v'], matches: (b) => ascii(b, 4, 'ftyp') },
	{ contentType: 'video/webm', kind: 'video', extensions: ['webm'], matches: (b) => b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3 && headText(b, 64).includes('webm') },
	// Captions for lesson videos: a WebVTT file starts with "WEBVTT" (after an optional BOM).
	{ contentType: 'text/vtt; charset=utf-8', kind: 'captions', extensions: ['vtt'], matches: (b) => /^\uFEFF?WEBVTT(?:[ \t\r\n]|$)/.test(headText(b, 16)) }
];

function headText(b: Uint8Array, n: number) {
	return new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, n));
}

function isSvg(b: Uint8Array) {
	const head = headText(b, 1024).replace(/^\uFEFF/, '').trimStart();
	if (!head.startsWith('<')) return false;
	// An XML declaration, comments or a doctype may come first; the root must be <svg.
	const rest = head.replace(/^(<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|\s)+/i, '');
	return /^<svg[\s>]/.test(rest);
}

export const allowedDescription = '图片（PNG、JPEG、GIF、WebP、SVG）、PDF、视频（MP4、WebM）、字幕（WebVTT）';

const formatMb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
const kindLabels: Record<FileKind, string> = { image: '图片', pdf: 'PDF', video: '视频', captions: '字幕' };

export type UploadCheck = { ok: true; contentType: string; kind: FileKind } | { ok: false; message: string };

/** Whether these bytes may be stored under this name, and as what; the message says why not. */
export function checkUpload(name: string, bytes: Uint8Array): UploadCheck {
	const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
	if (bytes.byteLength === 0) return { ok: false, message: `“${name}”是空文件` };
	const type = types.find((t) => t.matches(bytes));
	if (!type) return { ok: false, message: `不支持“${name}”的文件类型。只能上传${allowedDescription}` };
	if (!type.extensions.includes(ext)) {
		return { ok: false, message: `“${name}”的内容是 ${type.extensions[0].toUpperCase()} 文件，与扩展名不符，请改正扩展名后重新上传` };
	}
	const limit = uploadLimits[type.kind];
	if (bytes.byteLength > limit) {
		return { ok: false, message: `“${name}”有 ${(bytes.byteLength / MB).toFixed(1)} MB，超过了${kindLabels[type.kind]}的上限 ${formatMb(limit)}` };
	}
	return { ok: true, contentType: type.contentType, kind: type.kind };
}

/** Limits the browser checks before it sends anything (the server checks again). */
export function clientLimits() {
	return {
		image: uploadLimits.image,
		pdf: uploadLimits.pdf,
		video: uploadLimits.video,
		captions: uploadLimits.captions,
		extensions: Object.fromEntries(types.flatMap((t) => t.extensions.map((e) => [e, t.kind]))) as Record<string, FileKind>,
		description: allowedDescription
	};
}
