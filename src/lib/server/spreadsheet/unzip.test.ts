import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { inflate, inflatedSize, unpackBudget } from './unzip';
import { statedSize } from '../../../test-support/spreadsheet';

async function zipOf(files: Record<string, Uint8Array>) {
	const zip = new JSZip();
	for (const [name, bytes] of Object.entries(files)) zip.file(name, bytes);
	return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('inflate', () => {
	it('gives the bytes within the limit, null past it', async () => {
		const zip = await JSZip.loadAsync(await zipOf({ a: new Uint8Array(2000).fill(7) }));
		expect(await inflate(zip.files.a, 2000)).toEqual(new Uint8Array(2000).fill(7));
		expect(await inflate(zip.files.a, 1999)).toBeNull();
		expect(await inflatedSize(zip.files.a, 5000)).toBe(2000);
	});

	it('stops at the limit when the archive understates a size', async () => {
		const lying = statedSize(await zipOf({ big: new Uint8Array(8 * 1024 * 1024) }), 'big', 100);
		const zip = await JSZip.loadAsync(lying);
		expect((zip.files.big as unknown as { _data: { uncompressedSize: number } })._data.uncompressedSize).toBe(100);
		expect(await inflate(zip.files.big, 1024 * 1024)).toBeNull();
		// Within the limit the lie is found at the end: an error, not wrong bytes.
		await expect(inflate(zip.files.big, 16 * 1024 * 1024)).rejects.toThrow();
	});

	it('shares one budget among entries', async () => {
		const zip = await JSZip.loadAsync(await zipOf({ a: new Uint8Array(600), b: new Uint8Array(600) }));
		const budget = unpackBudget(1000);
		expect((await budget.inflate(zip.files.a))?.byteLength).toBe(600);
		expect(await budget.inflate(zip.files.b)).toBeNull();
		expect(budget.left).toBe(400);
	});
});
