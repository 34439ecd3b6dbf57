import JSZip from 'jszip';
import mammoth from 'mammoth';
import { MAX_SHEET_BYTES, MAX_SHEET_UNPACKED } from '../../spreadsheet/limits';
import { inflatedSize } from '../../spreadsheet/unzip';

/** One line of a Word file: a paragraph, or a part of one after a line break (Shift+Enter). */
export interface Line {
	text: string;
	/** the line holds a picture (or a drawn formula), which a question's text cannot keep */
	image: boolean;
	/** the paragraph is numbered by Word (a list), so its number or letter is not in `text` */
	listed: boolean;
	/** the line follows a line break inside its paragraph */
	continued: boolean;
}

export type DocumentRead = { ok: true; lines: Line[] } | { ok: false; message: string };

/** A Word bank may be as big as a spreadsheet bank: the same upload route and limits. */
export const MAX_WORD_BYTES = MAX_SHEET_BYTES;

// mammoth's document model, as far as the lines need it (its types say `any`).
interface Element {
	type: string;
	children?: Element[];
	value?: string;
	breakType?: string;
	numbering?: { isOrdered: boolean } | null;
}

function collect(element: Element, lines: Line[]) {
	if (element.type !== 'paragraph') {
		for (const child of element.children ?? []) collect(child, lines);
		return;
	}
	const listed = !!element.numbering?.isOrdered;
	let line: Line = { text: '', image: false, listed, continued: false };
	const walk = (e: Element) => {
		if (e.type === 'text') line.text += e.value ?? '';
		else if (e.type === 'tab') line.text += '\t';
		else if (e.type === 'image') line.image = true;
		else if (e.type === 'break' && e.breakType === 'line') {
			lines.push(line);
			line = { text: '', image: false, listed: false, continued: true };
		} else for (const child of e.children ?? []) walk(child);
	};
	for (const child of element.children ?? []) walk(child);
	lines.push(line);
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
// Word 97–2003 (.doc) and other OLE files.
const isOle = (b: Uint8Array) => [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((x, i) => b[i] === x);

const notWord = '无法读取文件，请确认是有效的 Word 文档（.docx）';

/**
 * The lines of a .docx's body, tables' cells included, in reading order. Its parts' inflated
 * size is counted before mammoth reads them: a small .docx can unpack to gigabytes.
 */
export async function documentLines(bytes: Uint8Array): Promise<DocumentRead> {
	if (bytes.byteLength === 0) return { ok: false, message: '文件为空' };
	if (bytes.byteLength > MAX_WORD_BYTES) return { ok: false, message: `文件超过 ${MAX_WORD_BYTES / 1024 / 1024} MB，请拆分后分批导入（图片会使文件变大，题库只需要文字）` };
	if (isOle(bytes)) return { ok: false, message: '这是旧版 Word 文档（.doc），请在 Word 中“另存为” .docx 格式后再上传' };
	if (!isZip(bytes)) return { ok: false, message: notWord };
	try {
		const zip = await JSZip.loadAsync(bytes);
		if (!zip.file('word/document.xml')) return { ok: false, message: notWord };
		let left = MAX_SHEET_UNPACKED;
		for (const entry of Object.values(zip.files)) {
			const size = entry.dir ? 0 : await inflatedSize(entry, left);
			if (size === null) return { ok: false, message: `文件解压后超过 ${MAX_SHEET_UNPACKED / 1024 / 1024} MB，请拆分后分批导入` };
			left -= size;
		}
		const lines: Line[] = [];
		await mammoth.convertToHtml(
			{ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
			{
				transformDocument: (document: Element) => {
					collect(document, lines);
					return document;
				},
				// Pictures are only noted (Line.image), never read or inlined.
				convertImage: mammoth.images.imgElement(async () => ({ src: '' }))
			}
		);
		return { ok: true, lines };
	} catch {
		return { ok: false, message: notWord };
	}
}
