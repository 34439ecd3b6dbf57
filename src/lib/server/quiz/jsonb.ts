import { sql } from 'kysely';

/**
 * A value for a jsonb column that both engines store the same way. postgres.js sends a
 * boolean as a boolean parameter (refused for jsonb) and quotes a bare string while PGlite
 * passes it as JSON text; everything else goes as a plain value both serialise as JSON.
 */
export function jsonb<T>(value: T) {
	if (typeof value === 'string') return sql<T>`to_jsonb(${value}::text)`;
	if (typeof value === 'boolean') return sql<T>`to_jsonb(${value}::boolean)`;
	return sql<T>`${sql.val(value)}::jsonb`;
}
