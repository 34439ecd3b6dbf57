import { documentLines } from './document';
import { parseBank, type BankParse } from './parse';

export const isWordFile = (name: string) => /\.docx$/i.test(name);

/** Why a question bank cannot come from a file of this name. */
export function unsupportedFileMessage(name: string) {
	if (/\.doc$/i.test(name)) return '这是旧版 Word 文档（.doc），请在 Word 中“另存为” .docx 格式后再上传';
	return '只支持 Excel（.xlsx）、CSV 或 Word（.docx）文件（旧版 .xls、.doc 请先另存为新格式）';
}

/** A Word bank's questions, each by the spreadsheet's columns, or why the file cannot be read. */
export async function readWordBank(bytes: Uint8Array): Promise<BankParse> {
	const read = await documentLines(bytes);
	return read.ok ? parseBank(read.lines) : read;
}
