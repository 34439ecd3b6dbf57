// Small valid files for tests.

/** The smallest valid PNG (1×1, transparent). */
export const tinyPng = Uint8Array.from(
	Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
);
export const tinyPdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const tinyMp4 = Uint8Array.from([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypmp42'), ...new Uint8Array(64)]);
