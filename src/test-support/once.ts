// Test support for "one click, one effect": a create form's action posted as a double click
// (two at once) and as a retry (once more after), all with the key of one rendered form.
import { isRedirect } from '@sveltejs/kit';
import { IDEMPOTENCY_FIELD, newIdempotencyKey } from '$lib/forms/idempotency-key';

/** An action's answer, or the redirect it threw. */
export async function outcome(answer: Promise<unknown>): Promise<unknown> {
	try {
		return await answer;
	} catch (e) {
		if (isRedirect(e)) return { redirect: e.location };
		throw e;
	}
}

/** A rendered form's fields and its key. */
export function keyedForm(fields: Record<string, string | File>) {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.set(k, v);
	form.set(IDEMPOTENCY_FIELD, newIdempotencyKey());
	return form;
}

/** Two posts at once, then a third once they are answered: the three answers. */
export async function postThrice(post: () => Promise<unknown>) {
	const first = await Promise.all([outcome(post()), outcome(post())]);
	return [...first, await outcome(post())];
}
