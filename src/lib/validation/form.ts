import { fail, type ActionFailure } from '@sveltejs/kit';
import { z } from 'zod';

// Every form action reads its form here: the fields become a plain object, one zod schema (built
// from fields.ts, whose messages are Chinese) says what is allowed, and a form that does not fit
// is a fail(400) naming the first wrong field, before anything is read from or written to the
// database.

export type FormFields = Record<string, FormDataEntryValue | FormDataEntryValue[]>;

/** The form as a plain object: text as sent, files as File, a name sent more than once as an array. */
export function formFields(form: FormData): FormFields {
	const out: FormFields = {};
	for (const [name, value] of form) {
		const seen = out[name];
		out[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
	}
	return out;
}

/** zod issues as { field: its first message }; issues about the whole form go under `root`. */
export function fieldErrors(error: z.ZodError, root = 'form') {
	const out: Record<string, string> = {};
	for (const issue of error.issues) out[issue.path.length ? String(issue.path[0]) : root] ??= issue.message;
	return out;
}

export interface FormRefusal {
	/** the first problem, in Chinese, for the page's message line */
	message: string;
	/** the field it is about, or null when it is about the whole form */
	field: string | null;
	/** the first message of every wrong field */
	errors: Record<string, string>;
}

export type ParsedForm<T, Extra> =
	| { ok: true; data: T; form: FormData }
	| ({ ok: false; form: FormData; failure: ActionFailure<FormRefusal & Extra> } & FormRefusal);

/**
 * The form read through `schema`. On a mismatch, `failure` is fail(400, { message, field, errors,
 * ...extra }) for the action to return; `message` and `errors` are there too for an action whose
 * page expects another shape. `extra` is what the page shows again (e.g. the values typed).
 */
export async function parseForm<S extends z.ZodType, Extra extends object = object>(
	input: Request | FormData,
	schema: S,
	extra?: Extra
): Promise<ParsedForm<z.output<S>, Extra>> {
	const form = input instanceof FormData ? input : await input.formData();
	const parsed = schema.safeParse(formFields(form));
	if (parsed.success) return { ok: true, data: parsed.data, form };
	const first = parsed.error.issues[0];
	const refusal: FormRefusal = { message: first.message, field: first.path.length ? String(first.path[0]) : null, errors: fieldErrors(parsed.error) };
	return { ok: false, form, ...refusal, failure: fail(400, { ...refusal, ...(extra as Extra) }) };
}

/** A field a form may send several times (checkboxes with one name): always an array. */
export function many<T extends z.ZodType>(item: T) {
	return z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));
}

/** A checkbox: checked when the form sends it at all (with any value but ''). */
export function checkbox() {
	return z.unknown().optional().transform((v) => v !== undefined && v !== '');
}

/** A file input that must hold a file: choosing none sends an empty one, and a text is none either. */
export function chosenFile(message: string) {
	return z.custom<File>((v) => v instanceof File && v.size > 0, { error: message });
}

/** A file input that may be left empty: undefined when nothing (or a text) was sent. */
export function optionalFile() {
	return z.unknown().optional().transform((v) => (v instanceof File && v.size > 0 ? v : undefined));
}

/**
 * A field as a page shows it again: the text sent ('' when missing or a file), trimmed if asked.
 * Never refused: for fields a later schema or function judges, naming what is wrong.
 */
export function sentText({ trim = false } = {}) {
	return z.unknown().optional().transform((v) => {
		const first = Array.isArray(v) ? v[0] : v;
		return typeof first === 'string' ? (trim ? first.trim() : first) : '';
	});
}

/**
 * The form's text fields as one string each (files and unchecked checkboxes absent, the last one
 * when a name is sent twice), for the few
 * pages whose form is judged by two schemas at once and shown again as typed.
 */
export function formTexts(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [k, v] of form) if (typeof v === 'string') values[k] = v;
	return values;
}

/** A field sent once per row, as texts in order ('' for a file). Never refused. */
export function sentTexts() {
	return many(z.unknown()).transform((vs) => vs.map((v) => (typeof v === 'string' ? v : '')));
}
