import QRCode from 'qrcode';

/** The check-in link as an SVG QR code (vector: sharp on any projector). */
export function qrSvg(text: string): Promise<string> {
	return QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}
