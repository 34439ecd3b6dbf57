// A Kysely driver for postgres.js that only takes a connection for itself when it must.
//
// kysely-postgres-js reserves a pooled connection for every single query. That stops
// postgres.js from pipelining and, with 50 requests in flight and 10 connections, makes
// every request queue twice (session lookup, then the page's query). Here a plain query
// goes straight to the pool; only a transaction reserves a connection, from BEGIN until
// Kysely releases it.
import {
	CompiledQuery,
	PostgresAdapter,
	PostgresIntrospector,
	PostgresQueryCompiler,
	type DatabaseConnection,
	type Dialect,
	type Driver,
	type Kysely,
	type QueryResult,
	type TransactionSettings
} from 'kysely';
import type { ReservedSql, Sql } from 'postgres';

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

// postgres.js runs `unsafe` text unprepared unless told, so PostgreSQL would parse and plan
// every query again — most of its CPU on a busy page. Kysely's SQL is parameterised, so the
// same text recurs and a named prepared statement (per connection) is planned once. Bulk
// writes are left out: their text changes with the row count, and each would be used once.
// DB_PREPARE=0 turns it off (PgBouncer in transaction mode cannot keep prepared statements).
const PREPARE = process.env.DB_PREPARE !== '0';
const prepares = (query: CompiledQuery) => PREPARE && query.parameters.length > 0 && query.parameters.length <= 64;

/** Queries sent and not yet answered, so that a shutdown can wait for them. */
class InFlight {
	count = 0;
	#idle: (() => void)[] = [];
	async track<T>(work: Promise<T>): Promise<T> {
		this.count++;
		try {
			return await work;
		} finally {
			if (--this.count === 0) this.#idle.splice(0).forEach((resolve) => resolve());
		}
	}
	idle(ms: number) {
		if (this.count === 0) return Promise.resolve();
		return new Promise<void>((resolve) => {
			this.#idle.push(resolve);
			setTimeout(resolve, ms).unref();
		});
	}
}

class PoolConnection implements DatabaseConnection {
	#reserved: ReservedSql | undefined;
	constructor(
		private readonly sql: Sql,
		private readonly inFlight: InFlight
	) {}

	async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		const target = this.#reserved ?? this.sql;
		const result = await this.inFlight.track(target.unsafe(query.sql, query.parameters as never[], { prepare: prepares(query) }));
		const { command, count } = result;
		// Kysely's COMMIT check reads the command tag (ROLLBACK means the transaction had failed).
		if (command === 'COMMIT' || command === 'ROLLBACK') return { rows: [{ command }] as R[] };
		const changed = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
		return { numAffectedRows: changed ? BigInt(count) : undefined, rows: Array.from(result) as R[] };
	}

	async *streamQuery<R>(query: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
		const target = this.#reserved ?? this.sql;
		for await (const rows of target.unsafe(query.sql, query.parameters as never[]).cursor(chunkSize)) {
			yield { rows: rows as R[] };
		}
	}

	async reserve() {
		this.#reserved ??= await this.sql.reserve();
	}

	release() {
		this.#reserved?.release();
		this.#reserved = undefined;
	}
}

class PostgresJsDriver implements Driver {
	readonly #inFlight = new InFlight();
	constructor(private readonly sql: Sql) {}

	async init() {}

	async acquireConnection() {
		return new PoolConnection(this.sql, this.#inFlight);
	}

	async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
		const conn = connection as PoolConnection;
		await conn.reserve();
		let begin = 'begin';
		if (settings.isolationLevel || settings.accessMode) {
			begin = 'start transaction';
			if (settings.isolationLevel) begin += ` isolation level ${settings.isolationLevel}`;
			if (settings.accessMode) begin += ` ${settings.accessMode}`;
		}
		await conn.executeQuery(CompiledQuery.raw(begin));
	}

	async commitTransaction(connection: DatabaseConnection) {
		const { rows } = await connection.executeQuery<{ command: string }>(CompiledQuery.raw('commit'));
		if (rows[0]?.command === 'ROLLBACK') throw new Error('事务已中止：提交被数据库回滚');
	}

	async rollbackTransaction(connection: DatabaseConnection) {
		await connection.executeQuery(CompiledQuery.raw('rollback'));
	}

	async savepoint(connection: DatabaseConnection, name: string) {
		await connection.executeQuery(CompiledQuery.raw(`savepoint ${ident(name)}`));
	}

	async rollbackToSavepoint(connection: DatabaseConnection, name: string) {
		await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${ident(name)}`));
	}

	async releaseSavepoint(connection: DatabaseConnection, name: string) {
		await connection.executeQuery(CompiledQuery.raw(`release savepoint ${ident(name)}`));
	}

	async releaseConnection(connection: DatabaseConnection) {
		(connection as PoolConnection).release();
	}

	async destroy() {
		// Let running queries finish (up to 5 s) before ending: postgres.js 3.4 leaves its
		// sockets open — and the process running — when end() is called with queries queued.
		await this.#inFlight.idle(5000);
		await this.sql.end({ timeout: 1 });
	}
}

export class PostgresJsDialect implements Dialect {
	constructor(private readonly sql: Sql) {}
	createAdapter() {
		return new PostgresAdapter();
	}
	createDriver() {
		return new PostgresJsDriver(this.sql);
	}
	createIntrospector(db: Kysely<unknown>) {
		return new PostgresIntrospector(db);
	}
	createQueryCompiler() {
		return new PostgresQueryCompiler();
	}
}
