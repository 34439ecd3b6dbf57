import { asText, xlsx } from '../../spreadsheet/write';
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
export function rosterWorkbook(rows: RosterExportRow[], today: string) {
	// 学号, phone and 身份证号 as text, so Excel keeps leading zeros and all 18 digits.
	const text = new Set(['username', 'phone', 'idNumber']);
	const columns = [...rosterColumns.map((c) => ({ header: c.header, key: c.key, width: c.width, ...(text.has(c.key) ? { format: asText } : {}) })), { header: '党龄', key: 'partyAge', width: 6 }];
	const lines = rows.map((r) => ({
		...r,
		org: r.orgCode,
		gender: genderLabels[r.gender],
		politicalStatus: politicalStatusLabels[r.politicalStatus],
		education: r.education ? educationLabels[r.education] : null,
		partyAge: partyAge(r.confirmedOn, today)
	}));
	return xlsx([{ name: '名册', columns, rows: lines }]);
}
