import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { formFields, sentText } from '$lib/validation/form';
import { id } from '$lib/validation/fields';
import type { Upload } from '../forms';
import type { SubmissionInput, SubmissionResult } from './actions';

// The submit action of /my/development and a mentee's page. Each route stores the scan
// (uploadScan) and submits in one idempotent transaction; these turn the form and the answer.

// The kind and the text as sent: submitSubmission judges both (its messages name the kind).
const submitForm = z.object({ kind: sentText({ trim: true }), body: sentText() });

/** The 待受理 buttons: which submission, and the reason when it is returned. */
export const decisionForm = z.object({ id: id('材料'), reason: sentText({ trim: true }) });

export function submissionInput(form: FormData, upload: Upload & { ok: true }): SubmissionInput {
	return { ...submitForm.parse(formFields(form)), attachmentId: upload.id };
}

export function submissionAnswer(form: FormData, r: SubmissionResult | { ok: false; status: 400; errors: string[] }) {
	if (r.ok) return { action: 'submit', ok: r.message };
	return fail(r.status, { action: 'submit', ...submitForm.parse(formFields(form)), message: r.errors.join('；') });
}
