import QRCode from 'qrcode';

/**
 * The dark modules of a QR code as horizontal runs [x, y, width] in module units: drawn as
 * vector rectangles it stays sharp at any zoom and costs a few hundred bytes.
 */
export function qrRuns(text: string) {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const size = modules.size;
	const runs: [number, number, number][] = [];
	for (let y = 0; y < size; y++) {
		let x = 0;
		while (x < size) {
			if (!modules.get(y, x)) {
				x++;
				continue;
			}
			const start = x;
			while (x < size && modules.get(y, x)) x++;
			runs.push([start, y, x - start]);
		}
	}
	return { size, runs };
}
