import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

// Each TTF is ~10 MB. Parsing it costs far more than drawing a certificate, so each font is
// read and parsed ONCE per process; every PDF then embeds only the glyphs it uses (a subset).
const files = {
	regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
	bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'
} as const;

export type Weight = keyof typeof files;

interface Run {
	glyphs: object[];
	positions: object[];
}
/** The parsed font as pdfkit accepts it in place of a path or a Buffer (it has `layout`). */
interface ParsedFont {
	layout(text: string, ...rest: unknown[]): Run;
}

const parsed = new Map<Weight, ParsedFont>();
const MAX_CACHED_RUNS = 20_000;

const copy = <T extends object>(o: T): T => Object.assign(Object.create(Object.getPrototypeOf(o)), o);

/**
 * Shaping (OpenType layout) is a third of a certificate's CPU time and most strings recur on
 * every certificate, but pdfkit only caches layouts within one document. This keeps shaped runs
 * across documents. pdfkit scales a run's positions in place, so each caller gets its own copy.
 */
function withLayoutCache(font: ParsedFont): ParsedFont {
	const runs = new Map<string, Run>();
	const cached: ParsedFont = Object.create(font);
	cached.layout = (text: string, ...rest: unknown[]) => {
		if (rest.some((r) => r !== undefined)) return font.layout(text, ...rest);
		let run = runs.get(text);
		if (!run) {
			if (runs.size >= MAX_CACHED_RUNS) runs.clear();
			run = font.layout(text);
			runs.set(text, run);
		}
		return Object.assign(copy(run), { glyphs: run.glyphs.slice(), positions: run.positions.map(copy) });
	};
	return cached;
}

export function font(weight: Weight): ParsedFont {
	let f = parsed.get(weight);
	if (!f) {
		const bytes = readFileSync(createRequire(import.meta.url).resolve(files[weight]));
		// pdfkit parses with its own fontkit; a throwaway document hands us that parsed font
		// without a direct dependency on fontkit. It holds no per-document state (subsets and
		// per-document caches live in each document's own wrapper).
		const doc = new PDFDocument({ autoFirstPage: false });
		doc.registerFont(weight, bytes).font(weight);
		f = withLayoutCache((doc as unknown as { _font: { font: ParsedFont } })._font.font);
		parsed.set(weight, f);
	}
	return f;
}
