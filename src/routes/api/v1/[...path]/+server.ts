import type { RequestHandler } from './$types';
import { apiRequest } from '$lib/server/api-clients/handler';

// The API for the school's other systems: a token, not a session (api-clients/handler.ts).
export const GET: RequestHandler = ({ locals, request }) => apiRequest(locals.db, request);
