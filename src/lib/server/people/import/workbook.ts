import ExcelJS from 'exceljs';
import { genderLabels, politicalStatusLabels } from '$lib/labels';
import type { PoliticalStatus } from '../../db/schema';
import { educationLabels, partyAge, type Education } from '$lib/people/registry';
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
	ethnicity: string | null;
	nativePlace: string | null;
	education: Education | null;
	/** Whole or masked, as the exporter may see it (people/identity.ts decides). */
	idNumber: string | null;
	joinedOn: string | null;
	confirmedOn: string | null;
}

/**
 * A sheet in the import format: what is exported can be imported back unchanged (a masked
 * 身份证号 imports back as "unchanged"). 党龄 follows as a last column the import ignores: it is
 * computed on `today`, never stored.
 */
export async function rosterWorkbook(rows: RosterExportRow[], today: string) {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('名册');
	sheet.columns = [...rosterColumns.map((c) => ({ header: c.header, key: c.key, width: c.width })), { header: '党龄', key: 'partyAge', width: 6 }];
	sheet.getRow(1).font = { bold: true };
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
	for (const r of rows) {
		sheet.addRow({
			...r,
			org: r.orgCode,
			gender: genderLabels[r.gender],
			politicalStatus: politicalStatusLabels[r.politicalStatus],
			education: r.education ? educationLabels[r.education] : null,
			partyAge: partyAge(r.confirmedOn, today)
		});
	}
	// 学号, phone and 身份证号 as text, so Excel keeps leading zeros and all 18 digits.
	for (const key of ['username', 'phone', 'idNumber']) sheet.getColumn(key).numFmt = '@';
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
