import { uploadLimits } from '../files/limits';
import { MAX_SHEET_BYTES } from '../spreadsheet/limits';
import { MAX_ATTACHMENT_BYTES } from '../attendance/leave';

const MB = 1024 * 1024;

/** What any request may send: every form and JSON body of the site fits (a lesson is ≤ 200 000 characters). */
export const DEFAULT_BODY_LIMIT = MB;

// Room for the rest of a multipart form beside its file (field names, boundaries, other fields).
const FORM = MB;

/**
 * The routes that take files, by route path (the route id without groups and matchers), and the most each may receive: its file's
 * own limit and a form around it. BODY_SIZE_LIMIT (adapter-node) must allow the largest.
 * A route that starts taking files belongs here, or its uploads are refused past 1 MB.
 */
export const uploadRoutes: Record<string, number> = {
	'/teach/courses/[id]/files': uploadLimits.video + FORM,
	// A course as a ZIP: limited like the largest upload (teach/import/+page.server.ts).
	'/teach/import': Math.max(...Object.values(uploadLimits)) + FORM,
	'/admin/people/import': MAX_SHEET_BYTES + FORM,
	'/bank/[courseId]/import': MAX_SHEET_BYTES + FORM,
	'/development/import': MAX_SHEET_BYTES + FORM,
	'/cohorts/[id]': MAX_SHEET_BYTES + FORM,
	'/my/sessions/[id]': MAX_ATTACHMENT_BYTES + FORM,
	// Scans attached to development records: PDF or image (development/forms.ts).
	'/development/people/[id]': uploadLimits.pdf + FORM,
	// 入党申请书 and 思想汇报 (the person), 考察意见 and evaluations (their mentor) as scans (development/submission-forms.ts).
	'/my/development': uploadLimits.pdf + FORM,
	'/my/development/mentees/[id]': uploadLimits.pdf + FORM
};

/**
 * '/(manage)/teach/courses/[id=id]/files' → '/teach/courses/[id]/files': the path as a URL reads,
 * so the table above does not change when a route moves between groups or gains a param matcher.
 */
export function routePath(routeId: string) {
	return routeId.replace(/\/\([^)]+\)/g, '').replace(/\[([^\]=]+)=[^\]]+\]/g, '[$1]') || '/';
}

/** The most a request to this route may send. */
export function bodyLimit(routeId: string | null) {
	return (routeId && uploadRoutes[routePath(routeId)]) || DEFAULT_BODY_LIMIT;
}

export function tooLargeMessage(limit: number) {
	return `提交的内容过大：此处最多 ${Math.round(limit / MB)} MB`;
}
