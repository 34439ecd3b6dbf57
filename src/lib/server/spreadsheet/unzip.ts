import type JSZip from 'jszip';

/**
 * An entry's bytes, inflated and counted as they come: null once they pass `limit`, and the
 * inflating stops there. A ZIP's headers state each entry's size, but nothing makes them true,
 * so a check of the stated sizes lets a small archive fill the memory.
 */
export async function inflate(entry: JSZip.JSZipObject, limit: number): Promise<Uint8Array | null> {
	const chunks: Buffer[] = [];
	const size = await count(entry, limit, (chunk) => chunks.push(chunk));
	return size === null ? null : new Uint8Array(Buffer.concat(chunks, size));
}

/** How many bytes the entry inflates to, or null past `limit`; nothing is kept. */
export function inflatedSize(entry: JSZip.JSZipObject, limit: number) {
	return count(entry, limit, () => {});
}

/** Bytes shared out among several entries: each inflate takes from what is left. */
export function unpackBudget(total: number) {
	let left = total;
	return {
		async inflate(entry: JSZip.JSZipObject, limit = Infinity) {
			const bytes = await inflate(entry, Math.min(limit, left));
			if (bytes) left -= bytes.byteLength;
			return bytes;
		},
		get left() {
			return left;
		}
	};
}

function count(entry: JSZip.JSZipObject, limit: number, keep: (chunk: Buffer) => void): Promise<number | null> {
	// JSZip's own stream helper: its Node stream (readable-stream 2) is not async iterable.
	const helper = (entry as unknown as { internalStream(type: 'nodebuffer'): JSZip.JSZipStreamHelper<Buffer> }).internalStream('nodebuffer');
	return new Promise((resolve, reject) => {
		let size = 0;
		helper
			.on('data', (chunk) => {
				size += chunk.byteLength;
				if (size <= limit) return keep(chunk);
				// Pausing stops the inflater; the helper is then dropped.
				helper.pause();
				resolve(null);
			})
			.on('error', reject)
			.on('end', () => resolve(size))
			.resume();
	});
}
