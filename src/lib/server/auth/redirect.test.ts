import { describe, expect, it } from 'vitest';
import { safeRedirect } from './redirect';

const SITE = 'https://dangxiao.example.edu.cn';

/**
 * Where a browser would go for `Location: <target>` sent from the login page: browsers drop
 * tabs and newlines anywhere in a URL and read backslashes as slashes (WHATWG URL), which is
 * how `/\t/evil` and `/\evil` become `//evil`, a link to another host.
 */
function browserDestination(location: string) {
	const cleaned = location.replace(/[\t\n\r]/g, '').replaceAll('\\', '/');
	return new URL(cleaned, `${SITE}/login`);
}

// Known open-redirect payloads, as they arrive in ?redirectTo= once URL-decoded by searchParams.
const attacks = [
	'//evil.example',
	'///evil.example',
	'////evil.example/',
	'/\\evil.example',
	'\\\\evil.example',
	'\\/evil.example',
	'/\t/evil.example',
	'/\n/evil.example',
	'/\r\n/evil.example',
	'\t//evil.example',
	'/%09/evil.example',
	'/%0a/evil.example',
	'/%2F%2Fevil.example',
	'/%2f/evil.example',
	'/%5C%5Cevil.example',
	'/%5cevil.example',
	'%2F%2Fevil.example',
	'https:evil.example',
	'https://evil.example',
	'http:/evil.example',
	'HTTPS://evil.example',
	'javascript:alert(1)',
	'  //evil.example',
	' /\\evil.example',
	'/\u0000/evil.example',
	'/\u007f/evil.example',
	'evil.example',
	'.evil.example',
	'@evil.example',
	'/login/../\\evil.example'
];

describe('safeRedirect', () => {
	it.each(attacks)('keeps %j on the site', (payload) => {
		const target = safeRedirect(payload);
		expect(target.startsWith('/')).toBe(true);
		expect(browserDestination(target).origin).toBe(SITE);
		// The same target sent through the query string once more (a double-decoding proxy).
		expect(browserDestination(decodeURIComponent(target)).origin).toBe(SITE);
	});

	it('turns the tab payload from the report into the home page', () => {
		expect(safeRedirect(new URL('https://x/login?redirectTo=/%09/evil.example').searchParams.get('redirectTo'))).toBe('/');
	});

	it('keeps ordinary same-site paths with their query and fragment', () => {
		expect(safeRedirect('/courses/3?tab=lessons#l2')).toBe('/courses/3?tab=lessons#l2');
		expect(safeRedirect('/my/cohorts')).toBe('/my/cohorts');
		expect(safeRedirect('/verify/AB12%20CD')).toBe('/verify/AB12%20CD');
	});

	it('falls back to the home page without a target', () => {
		expect(safeRedirect(null)).toBe('/');
		expect(safeRedirect('')).toBe('/');
	});
});
