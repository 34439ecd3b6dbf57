import { CamelCasePlugin, Kysely } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import { PGliteDialect } from 'kysely-pglite-dialect';
import postgres from 'postgres';
import { PGlite } from '@electric-sql/pglite';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Engine = 'postgresql' | 'pglite';

export interface OpenDatabase {
	db: Db;
	engine: Engine;
	close(): Promise<void>;
}

// Both engines must hand the app the same JS types: dates as 'YYYY-MM-DD' strings
// (a calendar date has no time zone), int8 and numeric as numbers.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const toNumber = (v: string) => (v === null ? v : Number(v));
const asIs = (v: string) => v;

export function openPostgres(url: string, max = Number(process.env.DB_POOL_SIZE ?? 10)): OpenDatabase {
	const sql = postgres(url, {
		max,
		onnotice: () => {},
		types: {
			int8: { to: INT8, from: [INT8], serialize: (x: number) => String(x), parse: toNumber },
			numeric: { to: NUMERIC, from: [NUMERIC], serialize: (x: number) => String(x), parse: toNumber },
			date: { to: DATE, from: [DATE], serialize: (x: string) => x, parse: asIs }
		}
	});
	const db = new Kysely<Database>({
		dialect: new PostgresJSDialect({ postgres: sql }),
		plugins: [new CamelCasePlugin()]
	});
	return { db, engine: 'postgresql', close: () => db.destroy() };
}

export function pgliteParsers() {
	return { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: asIs };
}

/** dataDir undefined = in memory. `loadDataDir` starts from a dump (fast test setup). */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<OpenDatabase & { pglite: PGlite }> {
	const pglite = await PGlite.create({ dataDir, loadDataDir, parsers: pgliteParsers() });
	const db = new Kysely<Database>({
		dialect: new PGliteDialect(pglite),
		plugins: [new CamelCasePlugin()]
	});
	return { db, engine: 'pglite', pglite, close: () => db.destroy() };
}
