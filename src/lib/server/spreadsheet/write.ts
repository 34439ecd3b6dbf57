import type ExcelJS from 'exceljs';

/** A sheet with a bold, frozen header row: the look of every export. */
export function sheetOf(workbook: ExcelJS.Workbook, name: string, columns: { header: string; key: string; width: number }[]) {
	const sheet = workbook.addWorksheet(name);
	sheet.columns = columns;
	sheet.getRow(1).font = { bold: true };
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
	return sheet;
}
