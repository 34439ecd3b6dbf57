import { fail } from '@sveltejs/kit';
import { AuthoringError } from '$lib/server/courses/authoring';
import { formTexts } from '$lib/validation/form';

/** The form's fields as strings (checkboxes that are absent stay absent). */
export async function formValues(request: Request) {
	return formTexts(await request.formData());
}

/** Runs an authoring change; a refusal (content/ course, duplicate code, …) becomes a form message. */
export async function attempt<T>(change: () => Promise<T>) {
	try {
		return { ok: true as const, value: await change() };
	} catch (e) {
		if (e instanceof AuthoringError) return { ok: false as const, failure: fail(400, { message: e.message }) };
		throw e;
	}
}
