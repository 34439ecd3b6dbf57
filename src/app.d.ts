import type { Db } from '$lib/server/db';
import type { AuthUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			db: Db;
			user: AuthUser | null;
			session: { id: string; expiresAt: Date } | null;
			/** Date.now() when the request reached the hooks, before anything awaited */
			arrivedAt: number;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
