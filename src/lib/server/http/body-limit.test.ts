import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { bodyLimit, DEFAULT_BODY_LIMIT, routePath, uploadRoutes } from './body-limit';

const ROUTES = join(process.cwd(), 'src/routes');

/** Route ids (as SvelteKit names them) of the route files that read an uploaded file. */
function routesTakingFiles() {
	const ids: string[] = [];
	for (const entry of readdirSync(ROUTES, { recursive: true, withFileTypes: true })) {
		if (!/^\+(page\.server|server)\.ts$/.test(entry.name)) continue;
		const source = readFileSync(join(entry.parentPath, entry.name), 'utf8');
		if (/instanceof File|uploadScan\(|chosenFile\(|optionalFile\(/.test(source)) ids.push(routePath('/' + relative(ROUTES, entry.parentPath).split(sep).join('/')));
	}
	return ids.sort();
}

describe('body limits', () => {
	it('every route that reads an uploaded file has its own limit, and every limit names such a route', () => {
		expect(Object.keys(uploadRoutes).sort()).toEqual(routesTakingFiles());
	});

	it('is 1 MB for every other route, and the course video limit plus a form on its upload route', () => {
		expect(bodyLimit('/login')).toBe(DEFAULT_BODY_LIMIT);
		expect(bodyLimit(null)).toBe(DEFAULT_BODY_LIMIT);
		expect(bodyLimit('/teach/courses/[id]/files')).toBe(101 * 1024 * 1024);
		// SvelteKit's route id carries the group and the param matcher.
		expect(bodyLimit('/(manage)/teach/courses/[id=id]/files')).toBe(101 * 1024 * 1024);
		expect(routePath('/(learn)/my/development')).toBe('/my/development');
		expect(routePath('/(learn)')).toBe('/');
	});
});
