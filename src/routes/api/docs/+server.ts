import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { openApi } from '$lib/server/api-clients/openapi';

// Public: the description says nothing a token does not already reveal. A browser asking for
// HTML gets the page beside this file instead (SvelteKit's own content negotiation).
export const GET: RequestHandler = () => json(openApi, { headers: { 'cache-control': 'public, max-age=300' } });
