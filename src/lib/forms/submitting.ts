import type { SubmitFunction } from '@sveltejs/kit';
import { IDEMPOTENCY_FIELD, newIdempotencyKey } from './idempotency-key';

// Every form of the site submits through one of these two, so a second click never sends a
// second request: the submit buttons are disabled and say 「提交中…」 while the request runs.
// The server is the real guard (idempotency keys, natural unique keys); this is what the
// person sees.

export const SUBMITTING_TEXT = '提交中…';

/** Disables the form's submit buttons and labels the one clicked; returns the undo. */
function markBusy(form: HTMLFormElement, submitter: HTMLElement | null) {
	const buttons = Array.from(form.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button:not([type="button"]):not([type="reset"]), input[type="submit"]'));
	const wasDisabled = buttons.map((b) => b.disabled);
	for (const b of buttons) b.disabled = true;
	form.setAttribute('aria-busy', 'true');
	// The label's own nodes are put back afterwards, so Svelte keeps updating the same text.
	const label = submitter instanceof HTMLButtonElement ? Array.from(submitter.childNodes) : null;
	if (submitter instanceof HTMLButtonElement) submitter.replaceChildren(SUBMITTING_TEXT);
	return () => {
		buttons.forEach((b, i) => (b.disabled = wasDisabled[i]));
		form.removeAttribute('aria-busy');
		if (label && submitter) submitter.replaceChildren(...label);
	};
}

/** A form that succeeded may be filled in again for something new: it gets a new key. */
function renewKey(form: HTMLFormElement) {
	for (const input of form.querySelectorAll<HTMLInputElement>(`input[name="${IDEMPOTENCY_FIELD}"]`)) input.value = newIdempotencyKey();
}

/**
 * For `use:enhance`: `use:enhance={submitting()}`, or around the form's own submit function,
 * `use:enhance={submitting(({ cancel }) => …)}` (its callback, or SvelteKit's default update).
 */
export function submitting<S extends Record<string, unknown> | undefined, F extends Record<string, unknown> | undefined>(inner?: SubmitFunction<S, F>): SubmitFunction<S, F> {
	return async (input) => {
		let cancelled = false;
		const pending = inner?.({
			...input,
			cancel: () => {
				cancelled = true;
				input.cancel();
			}
		});
		if (cancelled) return;
		const done = markBusy(input.formElement, input.submitter);
		const after = await pending;
		if (cancelled) {
			done();
			return;
		}
		return async (opts) => {
			try {
				if (after) await after(opts);
				else await opts.update();
			} finally {
				done();
				if (opts.result.type === 'success' || opts.result.type === 'redirect') renewKey(input.formElement);
			}
		};
	};
}

/**
 * For `use:enhance={keepingInput()}`: like submitting(), but what was typed stays in the form
 * after the answer (an edit form, a settings page), instead of SvelteKit's reset on success.
 */
export function keepingInput<S extends Record<string, unknown> | undefined, F extends Record<string, unknown> | undefined>(): SubmitFunction<S, F> {
	return submitting<S, F>(() => async ({ update }) => update({ reset: false }));
}

/**
 * For a form that posts without JavaScript handling (a full page load follows): `use:submitOnce`.
 * The buttons are disabled only after the browser has read the form, so the clicked button's
 * name and value are still sent.
 */
export function submitOnce(form: HTMLFormElement) {
	let undo: (() => void) | undefined;
	const onSubmit = (event: SubmitEvent) => {
		if (event.defaultPrevented) return;
		setTimeout(() => (undo = markBusy(form, event.submitter)));
	};
	// Back to this page from the browser's cache: the form is usable again.
	const onShow = () => {
		undo?.();
		undo = undefined;
	};
	form.addEventListener('submit', onSubmit);
	window.addEventListener('pageshow', onShow);
	return {
		destroy() {
			form.removeEventListener('submit', onSubmit);
			window.removeEventListener('pageshow', onShow);
		}
	};
}
