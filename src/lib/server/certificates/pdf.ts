import PDFDocument from 'pdfkit';
import { font } from './fonts';
import { qrRuns } from './qr';
import { chineseDate } from './format';

/** Everything printed on a certificate; nothing else goes into the PDF. */
export interface CertificateContent {
	serial: string;
	holderName: string;
	courseTitle: string;
	cohortName: string;
	startsOn: string;
	endsOn: string;
	creditHours: number;
	score: number | null;
	issuedOn: string;
	/** The PDF's creation date: fixed to the issue time so the same content gives the same bytes. */
	issuedAt: Date;
	validUntil: string | null;
	issuingBody: string;
	verifyUrl: string;
}

const RED = '#b71c1c';
const INK = '#222222';
// A4 landscape in points.
const W = 841.89;
const H = 595.28;

/** One embedded font keeps each PDF small; bold is the regular glyphs filled and stroked. */
function bold(doc: PDFKit.PDFDocument, weight: number, color: string) {
	doc.font('regular').lineWidth(weight).strokeColor(color).fillColor(color);
	return { fill: true, stroke: true } as const;
}

function border(doc: PDFKit.PDFDocument) {
	doc.lineWidth(6).strokeColor(RED).rect(22, 22, W - 44, H - 44).stroke();
	doc.lineWidth(1.2).rect(34, 34, W - 68, H - 68).stroke();
	// Corner ornaments: small squares set inside the inner frame.
	for (const [x, y] of [[40, 40], [W - 52, 40], [40, H - 52], [W - 52, H - 52]]) doc.rect(x, y, 12, 12).fill(RED);
}

function star(doc: PDFKit.PDFDocument, cx: number, cy: number, r: number) {
	const points: [number, number][] = [];
	for (let i = 0; i < 10; i++) {
		const radius = i % 2 === 0 ? r : r * 0.382;
		const a = -Math.PI / 2 + (i * Math.PI) / 5;
		points.push([cx + radius * Math.cos(a), cy + radius * Math.sin(a)]);
	}
	doc.polygon(...points).fill(RED);
}

/** The seal area: a red ring, the issuing body along its upper arc and a star in the centre. */
function seal(doc: PDFKit.PDFDocument, cx: number, cy: number, body: string) {
	const r = 64;
	doc.lineWidth(3).strokeColor(RED).circle(cx, cy, r).stroke();
	star(doc, cx, cy, 18);
	const chars = [...body];
	const size = chars.length > 14 ? 11 : 13;
	const b = bold(doc, 0.35, RED);
	doc.fontSize(size);
	// Spread the characters over an arc of up to 240° centred on the top.
	const span = Math.min(240, chars.length * 20);
	chars.forEach((ch, i) => {
		const deg = 90 + span / 2 - (chars.length === 1 ? span / 2 : (i * span) / (chars.length - 1));
		const a = (deg * Math.PI) / 180;
		const x = cx + (r - size) * Math.cos(a);
		const y = cy - (r - size) * Math.sin(a);
		doc.save().translate(x, y).rotate(90 - deg);
		doc.text(ch, -size / 2, -size * 0.72, { lineBreak: false, ...b });
		doc.restore();
	});
}

function qr(doc: PDFKit.PDFDocument, x: number, y: number, width: number, url: string) {
	const { size, runs } = qrRuns(url);
	const m = width / size;
	// One filled path of rectangles (no outlines between touching modules).
	for (const [rx, ry, rw] of runs) doc.rect(x + rx * m, y + ry * m, rw * m, m);
	doc.fill(INK);
}

/** A4 landscape, Noto Sans SC embedded as a subset, vector QR: ~15 ms and well under 40 KB. */
export function renderCertificate(c: CertificateContent): Promise<Buffer> {
	const doc = new PDFDocument({
		size: 'A4',
		layout: 'landscape',
		margin: 0,
		font: font('regular') as unknown as string,
		info: { Title: `结业证书 ${c.serial}`, Author: c.issuingBody, Subject: c.courseTitle, CreationDate: c.issuedAt, ModDate: c.issuedAt }
	});
	doc.registerFont('regular', font('regular') as unknown as Buffer);
	const chunks: Buffer[] = [];
	doc.on('data', (b: Buffer) => chunks.push(b));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});

	border(doc);
	doc.font('regular').fontSize(11).fillColor(INK).text(`证书编号：${c.serial}`, 60, 58, { width: W - 120, align: 'right' });
	doc.fontSize(46).text('结 业 证 书', 0, 92, { width: W, align: 'center', characterSpacing: 8, ...bold(doc, 1.4, RED) });

	const body = [
		`${c.holderName} 同志：`,
		`　　于 ${chineseDate(c.startsOn)} 至 ${chineseDate(c.endsOn)} 参加「${c.cohortName}」，` +
			`完成「${c.courseTitle}」规定课程的学习，累计 ${c.creditHours} 学时` +
			(c.score === null ? '' : `，结业考试成绩 ${c.score} 分`) +
			'，经考核合格，准予结业。',
		'　　特发此证。'
	];
	doc.fontSize(20).text(body[0], 110, 190, { width: W - 220, ...bold(doc, 0.5, INK) });
	doc.font('regular').fontSize(17).text(body[1], 110, 228, { width: W - 220, lineGap: 9 });
	doc.text(body[2], { width: W - 220, lineGap: 9 });

	// Left: verification; right: issuing body, date and the seal over them.
	qr(doc, 92, 392, 96, c.verifyUrl);
	doc.font('regular').fontSize(9).fillColor(INK);
	doc.text('扫码或访问以下地址验证真伪', 200, 400, { width: 300 });
	doc.text(c.verifyUrl, 200, 416, { width: 300 });
	doc.text(c.validUntil ? `有效期至 ${chineseDate(c.validUntil)}` : '长期有效', 200, 448, { width: 300 });

	const right = W - 330;
	doc.font('regular').fontSize(16).fillColor(INK);
	doc.text(c.issuingBody, right, 430, { width: 240, align: 'center' });
	doc.text(chineseDate(c.issuedOn), right, 458, { width: 240, align: 'center' });
	doc.lineWidth(0.8).strokeColor(INK).moveTo(right + 30, 500).lineTo(right + 210, 500).stroke();
	doc.fontSize(10).text('签发（签字）', right, 506, { width: 240, align: 'center' });
	seal(doc, right + 120, 438, c.issuingBody);

	doc.end();
	return done;
}
