import type { Transport } from '@sveltejs/kit';
import { serverHtmlTransport } from '$lib/html/server-html';

// Universal hooks: how page data crosses from the server to the browser.
export const transport: Transport = {
	ServerHtml: serverHtmlTransport
};
