import { fail } from '@sveltejs/kit';
import { text, type Upload } from '../forms';
import type { SubmissionInput, SubmissionResult } from './actions';

// The submit action of /my/development and a mentee's page. Each route stores the scan
// (uploadScan) and submits in one idempotent transaction; these turn the form and the answer.

export function submissionInput(form: FormData, upload: Upload & { ok: true }): SubmissionInput {
	const body = form.get('body');
	return { kind: text(form, 'kind'), body: typeof body === 'string' ? body : '', attachmentId: upload.id };
}

export function submissionAnswer(form: FormData, r: SubmissionResult | { ok: false; status: 400; errors: string[] }) {
	if (r.ok) return { action: 'submit', ok: r.message };
	const body = form.get('body');
	return fail(r.status, { action: 'submit', kind: text(form, 'kind'), body: typeof body === 'string' ? body : '', message: r.errors.join('；') });
}
