import ExcelJS from 'exceljs';
import { genderLabels, politicalStatusLabels } from '$lib/labels';
import type { PoliticalStatus } from '../../db/schema';
import { rosterColumns } from './columns';

export interface RosterExportRow {
	username: string;
	name: string;
	gender: 'male' | 'female';
	birthDate: string | null;
	orgCode: string;
	grade: string | null;
	classGroup: string | null;
	politicalStatus: PoliticalStatus;
	phone: string | null;
	graduationDate: string | null;
}

/** A sheet in the import format: what is exported can be imported back unchanged. */
export async function rosterWorkbook(rows: RosterExportRow[]) {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('名册');
	sheet.columns = rosterColumns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
	sheet.getRow(1).font = { bold: true };
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
	for (const r of rows) {
		sheet.addRow({
			...r,
			org: r.orgCode,
			gender: genderLabels[r.gender],
			politicalStatus: politicalStatusLabels[r.politicalStatus]
		});
	}
	// 学号 and phone as text, so Excel keeps leading zeros.
	for (const key of ['username', 'phone']) sheet.getColumn(key).numFmt = '@';
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export function xlsxResponse(bytes: Uint8Array, fileName: string) {
	return new Response(bytes as BodyInit, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
			'cache-control': 'private, no-store'
		}
	});
}
