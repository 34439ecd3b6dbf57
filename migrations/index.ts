import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_courses';

// Kysely's FileMigrationProvider cannot load .ts under vitest on Node 20, so every
// migration is listed here; names sort in the order they run.
export const migrations: Record<string, Migration> = {
	'0001_foundation': m0001,
	'0002_courses': m0002
};
