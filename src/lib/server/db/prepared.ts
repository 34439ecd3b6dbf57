// Queries that every request runs, built and compiled by Kysely once.
//
// Building and compiling a query with a subquery costs Kysely ~0.3 ms of CPU — more than
// PostgreSQL needs to answer it — and the server is single-threaded. A prepared query is
// built once with placeholder values; each call only swaps in the real parameters.
import type { Compilable, CompiledQuery, Kysely, RawBuilder } from 'kysely';
import type { Database } from './schema';
import type { Db } from './engine';

/** Stands in for argument `index` while the query is built. */
class Placeholder {
	constructor(readonly index: number) {}
}

/**
 * `build` gets placeholders for its arguments: use each only as a plain value
 * (`where(col, '=', arg)`, `on(col, '=', arg)`, an insert value) — never branch on it,
 * spread it or pass an array, because the SQL is fixed on the first call.
 */
export function prepared<A extends unknown[], O>(build: (db: Db, ...args: A) => Compilable<O> | RawBuilder<O>) {
	const compiled = new WeakMap<Db, CompiledQuery<O>>();
	const compile = (db: Db) => {
		let query = compiled.get(db);
		if (!query) {
			const placeholders = Array.from({ length: build.length - 1 }, (_, i) => new Placeholder(i)) as A;
			// A query builder compiles itself; a raw `sql` statement needs the database's compiler.
			query = build(db, ...placeholders).compile(db) as CompiledQuery<O>;
			compiled.set(db, query);
		}
		return query;
	};
	const run = async (db: Db, args: A) => {
		const query = compile(db);
		const parameters = query.parameters.map((p) => (p instanceof Placeholder ? args[p.index] : p));
		return (await db.executeQuery<O>({ ...query, parameters })).rows;
	};
	return {
		all: (db: Db, ...args: A) => run(db, args),
		first: async (db: Db, ...args: A) => (await run(db, args))[0] as O | undefined
	};
}
