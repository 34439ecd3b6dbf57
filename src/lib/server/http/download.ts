/**
 * Content-Disposition for a download named in Chinese: `filename*` carries the name (RFC 6266,
 * every current browser), `filename` an ASCII name for the few clients that ignore it.
 */
export function attachment(fileName: string, asciiFallback: string) {
	return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
