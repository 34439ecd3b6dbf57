// Any fixed origin works: it only tells whether a target would leave the site.
const BASE = new URL('http://same-site.invalid');

// Browsers drop tabs and newlines anywhere in a URL and read "\" as "/", so "/\t/evil" and
// "/\evil" reach the address bar as "//evil", another host. Control characters and
// backslashes have no place in a path the site links to: refuse them, raw or percent-encoded.
const SUSPICIOUS = /[\\\u0000-\u001f\u007f]/;

/**
 * Where to send someone after signing in: only a path on this site, else the home page.
 * An open redirect from the login page would lend the school's address to phishing.
 */
export function safeRedirect(target: string | null): string {
	if (!target) return '/';
	let decoded: string;
	try {
		decoded = decodeURIComponent(target);
	} catch {
		return '/';
	}
	// Checked decoded too: a proxy or a second redirect may decode "/%2F%2Fevil" into "//evil".
	for (const form of [target, decoded]) {
		if (!form.startsWith('/') || form.startsWith('//') || SUSPICIOUS.test(form)) return '/';
	}
	let url: URL;
	try {
		url = new URL(target, BASE);
	} catch {
		return '/';
	}
	if (url.origin !== BASE.origin) return '/';
	const path = url.pathname + url.search + url.hash;
	return path.startsWith('//') ? '/' : path;
}
