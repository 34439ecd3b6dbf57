/**
 * Markup the server renders into the page with `{@html}` and the browser never needs again.
 *
 * Page data is sent twice on a server-rendered page: once rendered, once serialised for
 * hydration. For a lesson, the HTML body is the largest part of both. Wrapped in this class
 * (see `transport` in src/hooks.ts) it is serialised as a marker only; in the browser the
 * marker decodes to a placeholder and Svelte keeps the server's markup while hydrating
 * (`hydration_html_changed`: the client value is ignored in favour of the server's).
 *
 * Only for the first, server-rendered view: a client-side navigation (`isDataRequest`) must
 * send the markup itself, since there is no server markup to keep.
 */
export class ServerHtml {
	constructor(readonly html: string) {}
}

/** What the browser gets in place of the markup: any non-empty string takes Svelte's hydration path. */
export const SERVER_HTML_PLACEHOLDER = ' ';

export const serverHtmlTransport = {
	encode: (value: unknown) => value instanceof ServerHtml && 1, // truthy: devalue skips a reducer that returns a falsy value
	decode: () => new ServerHtml(SERVER_HTML_PLACEHOLDER)
};

/** The markup in either form: wrapped (first view) or plain (client-side navigation). */
export function htmlOf(value: ServerHtml | string): string {
	return typeof value === 'string' ? value : value.html;
}
