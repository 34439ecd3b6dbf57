import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/** An .xlsx of these rows, optionally with its first sheet's XML swapped for `sheetXml`: files no spreadsheet program would write. */
export async function xlsxOf(rows: string[][], sheetXml?: string) {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Sheet1');
	for (const row of rows) sheet.addRow(row);
	const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
	if (sheetXml === undefined) return bytes;
	const zip = await JSZip.loadAsync(bytes);
	zip.file('xl/worksheets/sheet1.xml', sheetXml);
	return new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

/** A worksheet's XML with these cells (inline strings), e.g. { A1: '学号', XFD1: 'x' }. */
export function sheetXml(cells: Record<string, string>, pad = '') {
	const rows = new Map<number, string[]>();
	for (const [ref, text] of Object.entries(cells)) {
		const n = Number(/\d+$/.exec(ref)![0]);
		rows.set(n, [...(rows.get(n) ?? []), `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`]);
	}
	const body = [...rows].sort(([a], [b]) => a - b).map(([n, cs]) => `<row r="${n}">${cs.join('')}</row>`).join('');
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}${pad}</sheetData></worksheet>`;
}

/** Rewrites the sizes a ZIP states for `name` (local header and central directory): a lie. */
export function statedSize(zip: Uint8Array, name: string, size: number) {
	const buf = Buffer.from(zip);
	for (let i = 0; i < buf.length - 46; i++) {
		const sig = buf.readUInt32LE(i);
		if (sig === 0x04034b50 && buf.toString('utf8', i + 30, i + 30 + buf.readUInt16LE(i + 26)) === name) buf.writeUInt32LE(size, i + 22);
		if (sig === 0x02014b50 && buf.toString('utf8', i + 46, i + 46 + buf.readUInt16LE(i + 28)) === name) buf.writeUInt32LE(size, i + 24);
	}
	return new Uint8Array(buf);
}

/** An .xlsx with these columns' headers in row 1 and the rows by column key: a filled-in import template. */
export async function keyedXlsx(columns: readonly { header: string; key: string }[], rows: Record<string, string>[]) {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('x');
	sheet.columns = columns.map((c) => ({ header: c.header, key: c.key }));
	for (const r of rows) sheet.addRow(r);
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}
