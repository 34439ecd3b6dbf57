import PDFDocument from 'pdfkit';
import { courseCategoryLabels } from '$lib/labels';
import { font } from '../certificates/fonts';
import { num } from './evaluate';
import type { TrainingRecord } from './records';
import { formatShanghai } from '$lib/time/shanghai';
import { xlsx } from '../spreadsheet/write';

type Person = { name: string; username: string; orgName: string };

const category = (c: string) => courseCategoryLabels[c as keyof typeof courseCategoryLabels] ?? c;
const examText = (e: TrainingRecord['cohorts'][number]['exam']) =>
	!e ? '—' : e.score === null ? '未参加/待评定' : `${num(e.score)} 分（${e.passed ? '合格' : '不合格'}）`;

/** Rows shared by the XLSX and PDF exports, so both say the same thing. */
export function recordLines(record: TrainingRecord) {
	return record.cohorts.map((c) => ({
		cohort: c.cohortName,
		course: c.courseTitle === category(c.category) ? c.courseTitle : `${c.courseTitle}（${category(c.category)}）`,
		dates: `${c.startsOn} 至 ${c.endsOn}`,
		hours: `${num(c.totalHours)}（线上 ${num(c.onlineCounted)}${c.onlineCounted < c.onlineHours ? `/${num(c.onlineHours)}` : ''}，线下 ${num(c.offlineHours)}）`,
		attendance: c.attendance.held ? `${c.attendance.rate}（出勤 ${c.attendance.attended}/${c.attendance.held}，请假 ${c.attendance.leave}，缺勤 ${c.attendance.absent}）` : '—',
		exam: examText(c.exam),
		state: c.stateLabel,
		reasons: c.parts.map((p) => `${p.label}：${p.reason}`).join('；')
	}));
}

export function recordWorkbook(person: Person, record: TrainingRecord) {
	return xlsx([
		{
			name: '培训记录',
			caption: [`${person.name}（${person.username}）培训档案`, person.orgName],
			columns: [
				{ header: '培训班', key: 'cohort', width: 28 },
				{ header: '课程', key: 'course', width: 28 },
				{ header: '起止日期', key: 'dates', width: 24 },
				{ header: '学时', key: 'hours', width: 26 },
				{ header: '线下出勤', key: 'attendance', width: 32 },
				{ header: '结业考试', key: 'exam', width: 18 },
				{ header: '结业状态', key: 'state', width: 10 },
				{ header: '各项条件', key: 'reasons', width: 80 }
			],
			rows: recordLines(record)
		},
		{
			name: '结业证书',
			columns: [
				{ header: '证书编号', key: 'serial', width: 20 },
				{ header: '课程', key: 'courseTitle', width: 24 },
				{ header: '培训班', key: 'cohortName', width: 28 },
				{ header: '颁发日期', key: 'issuedOn', width: 12 },
				{ header: '有效期至', key: 'validUntil', width: 12 },
				{ header: '状态', key: 'stateLabel', width: 14 }
			],
			rows: record.certificates.map((c) => ({ ...c, validUntil: c.validUntil ?? '长期有效' }))
		}
	]);
}

/** The record as an A4 PDF (portrait), Noto Sans SC subset embedded like the certificates. */
export function recordPdf(person: Person, record: TrainingRecord, printedAt: Date): Promise<Buffer> {
	const doc = new PDFDocument({ size: 'A4', margin: 50, font: font('regular') as unknown as string, info: { Title: `${person.name} 培训档案`, CreationDate: printedAt } });
	doc.registerFont('regular', font('regular') as unknown as Buffer);
	doc.registerFont('bold', font('bold') as unknown as Buffer);
	const chunks: Buffer[] = [];
	doc.on('data', (b: Buffer) => chunks.push(b));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	doc.font('bold').fontSize(18).fillColor('#b71c1c').text('培训档案', { align: 'center' });
	doc.moveDown(0.5).font('regular').fontSize(11).fillColor('#222').text(`${person.name}（${person.username}） · ${person.orgName}`, { align: 'center' });
	doc.moveDown();
	const lines = recordLines(record);
	if (lines.length === 0) doc.text('暂无培训记录。');
	for (const l of lines) {
		doc.font('bold').fontSize(12).text(`${l.cohort}  【${l.state}】`);
		doc.font('regular').fontSize(10);
		for (const [k, v] of [['课程', l.course], ['日期', l.dates], ['学时', l.hours], ['出勤', l.attendance], ['考试', l.exam], ['条件', l.reasons]]) {
			doc.text(`${k}：${v}`, { indent: 12, lineGap: 2 });
		}
		doc.moveDown(0.6);
	}
	doc.moveDown().font('bold').fontSize(12).text('结业证书');
	doc.font('regular').fontSize(10);
	if (record.certificates.length === 0) doc.text('暂无。', { indent: 12 });
	for (const c of record.certificates) {
		doc.text(`${c.serial}  ${c.courseTitle} · ${c.cohortName}  ${c.issuedOn} 颁发，${c.validUntil ? `有效期至 ${c.validUntil}` : '长期有效'}  【${c.stateLabel}】`, { indent: 12, lineGap: 2 });
	}
	doc.moveDown().fontSize(8).fillColor('#666').text(`打印时间：${formatShanghai(printedAt, 'yyyy/M/d HH:mm:ss')}`);
	doc.end();
	return done;
}
