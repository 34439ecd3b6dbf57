import JSZip from 'jszip';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { BranchRow } from './branch';
import { identityColumns, xlsx } from '../spreadsheet/write';

export function branchWorkbook(rows: BranchRow[]) {
	const columns = [
		...identityColumns,
		{ header: '所在支部', key: 'orgName', width: 28 },
		{ header: '培训班', key: 'cohortName', width: 28 },
		{ header: '课程', key: 'courseTitle', width: 22 },
		{ header: '起止日期', key: 'dates', width: 24 },
		{ header: '结业状态', key: 'stateLabel', width: 10 },
		{ header: '计入学时', key: 'hours', width: 10 },
		{ header: '尚缺', key: 'lacking', width: 60 },
		{ header: '证书编号', key: 'serial', width: 18 },
		{ header: '有效期至', key: 'validUntil', width: 12 },
		{ header: '证书状态', key: 'certState', width: 14 }
	];
	const lines = rows.map((r) => ({
		...r,
		dates: `${r.startsOn} 至 ${r.endsOn}`,
		lacking: r.lacking.join('；'),
		serial: r.certificate?.serial ?? '',
		validUntil: r.certificate ? (r.certificate.validUntil ?? '长期有效') : '',
		certState: r.certificate ? r.certificate.stateLabel + (r.certificate.expiringSoon ? '（90 天内到期）' : '') : ''
	}));
	return xlsx([{ name: '结业情况', columns, rows: lines }]);
}

/** The rows' valid certificates as stored (the same bytes as every download), 100 PDFs per read. */
export async function certificatesZip(db: Kysely<Database>, rows: BranchRow[]) {
	const ids = rows.filter((r) => r.certificate?.state === 'valid').map((r) => r.certificate!.id);
	const zip = new JSZip();
	for (let i = 0; i < ids.length; i += 100) {
		const files = await db.selectFrom('certificate').select(['serial', 'holderName', 'pdf']).where('id', 'in', ids.slice(i, i + 100)).execute();
		for (const f of files) if (f.pdf) zip.file(`${f.serial}-${f.holderName}.pdf`, f.pdf, { binary: true });
	}
	// PDFs are compressed already: store them as they are.
	return { count: ids.length, bytes: await zip.generateAsync({ type: 'uint8array', compression: 'STORE' }) };
}
