// A Kysely driver for postgres.js that only takes a connection for itself when it must.
// Over 250 lines on purpose: the lanes, the transaction pool and the error mapping share one
// connection state and are read together; split, each half would need the other's internals.
//
// kysely-postgres-js reserves a pooled connection for every single query. That stops
// postgres.js from pipelining and, with 50 requests in flight and 10 connections, makes
// every request queue twice (session lookup, then the page's query). Here a plain query
// is pipelined on one of a few long-lived connections (lanes); only a transaction reserves
// a connection, from its own pool, from BEGIN until COMMIT or ROLLBACK.
//
// Why lanes of one connection each rather than one pool of several: postgres.js 3.4's pool
// queue (src/queue.js) leaves a hole at its head on every shift and only compacts when it runs
// empty, while remove() scans the whole array. A pool whose connections stay busy never runs
// empty, so every query scans a longer array: a sustained `select 1` load through one pool of
// 4 fell from 14,000 to 4,400 queries/s within 30 s, and kept falling; through 4 lanes it held
// 22,000–23,000 (`npm run bench:pool`). With one connection a lane's queues empty on every shift.
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
import { Gate, querySent, waitForConnection } from './outage';
import { DatabaseUnavailableError, isConnectionFailure } from './unavailable';

export interface PostgresPools {
	/** Connections of one each (postgres(url, { max: 1 })) that plain queries are pipelined on. */
	lanes: Sql[];
	/** The pool transactions (and cursors) take a connection of their own from. */
	transactions: Sql;
	/** Longest wait for a connection before DatabaseUnavailableError (0: no limit). */
	queueTimeoutMs?: number;
	/** Registers the driver's listener for postgres.js's `onclose` of any of these pools. */
	whenClosed?: (listener: (pool: Sql) => void) => void;
}

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

/** Plain queries go to the working lane with the fewest in flight. */
class Lanes {
	readonly #waiting: number[];
	readonly #gates: Gate[];
	constructor(
		readonly sqls: Sql[],
		private readonly queueTimeoutMs: number,
		recovered: () => void
	) {
		if (sqls.length === 0) throw new Error('至少需要一个数据库连接');
		this.#waiting = sqls.map(() => 0);
		this.#gates = sqls.map(() => new Gate(queueTimeoutMs, recovered));
	}
	/** The server is back (another connection reached it): failed lanes try again too. */
	retry() {
		for (const gate of this.#gates) gate.retry();
	}
	pick() {
		// A lane that works beats one to reopen, and that beats one already being reopened.
		const rank = (i: number) => this.#gates[i].rank;
		let lane = 0;
		for (let i = 1; i < this.sqls.length; i++) {
			if (rank(i) < rank(lane) || (rank(i) === rank(lane) && this.#waiting[i] < this.#waiting[lane])) lane = i;
		}
		return lane;
	}
	async run<T>(lane: number, query: (sql: Sql) => Promise<T>): Promise<T> {
		this.#waiting[lane]++;
		try {
			return await this.#gates[lane].pass(() => {
				const pending = query(this.sqls[lane]);
				return waitForConnection(pending, this.queueTimeoutMs, querySent(pending));
			});
		} finally {
			this.#waiting[lane]--;
		}
	}
	/** postgres.js closed lane `lane`'s connection. */
	closed(lane: number) {
		this.#gates[lane].closed();
	}
}

// Kysely acquires a connection for each query, and once for a whole `db.connection()` scope,
// whose queries must share one session: Kysely's migrator takes a session-level advisory lock
// there and releases it at the end. So a connection keeps the lane its first query chose.
class PoolConnection implements DatabaseConnection {
	#reserved: ReservedSql | undefined;
	/** The reserved connection was lost: postgres.js has already put it back as closed. */
	#broken = false;
	#lane: number | undefined;
	constructor(
		private readonly lanes: Lanes,
		private readonly transactions: TransactionPool,
		private readonly inFlight: InFlight
	) {}

	get broken() {
		return this.#broken;
	}

	async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		const run = (sql: Sql | ReservedSql) => sql.unsafe(query.sql, query.parameters as never[], { prepare: prepares(query) });
		const reserved = this.#reserved;
		const result = await this.inFlight.track(reserved ? this.#onReserved(run(reserved)) : this.lanes.run((this.#lane ??= this.lanes.pick()), run));
		const { command, count } = result;
		// Kysely's COMMIT check reads the command tag (ROLLBACK means the transaction had failed).
		if (command === 'COMMIT' || command === 'ROLLBACK') return { rows: [{ command }] as R[] };
		const changed = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
		return { numAffectedRows: changed ? BigInt(count) : undefined, rows: Array.from(result) as R[] };
	}

	async *streamQuery<R>(query: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
		// A cursor holds its connection until the caller has read every row: not a lane's.
		const target = this.#reserved ?? this.transactions.sql;
		for await (const rows of target.unsafe(query.sql, query.parameters as never[]).cursor(chunkSize)) {
			yield { rows: rows as R[] };
		}
	}

	async #onReserved<T>(work: Promise<T>): Promise<T> {
		if (this.#broken) throw new DatabaseUnavailableError();
		try {
			return await work;
		} catch (error) {
			if (!isConnectionFailure(error)) throw error;
			this.#broken = true;
			throw new DatabaseUnavailableError(error);
		}
	}

	async reserve() {
		this.#reserved ??= await this.transactions.reserve();
		this.#broken = false;
	}

	release() {
		// Releasing a connection postgres.js has closed would put a dead socket in its idle queue.
		if (!this.#broken) this.#reserved?.release();
		this.#reserved = undefined;
	}
}

/** The transactions' pool, behind its own gate: while it fails, one reserve probes at a time. */
class TransactionPool {
	readonly #gate: Gate;
	constructor(
		readonly sql: Sql,
		private readonly queueTimeoutMs: number,
		recovered: () => void
	) {
		this.#gate = new Gate(queueTimeoutMs, recovered);
	}
	retry() {
		this.#gate.retry();
	}
	/** postgres.js closed one of the pool's connections. */
	closed() {
		this.#gate.closed();
	}
	reserve() {
		const once = () => waitForConnection(this.sql.reserve(), this.queueTimeoutMs, () => false, (late) => late.release());
		// postgres.js may still hand a reservation the error of a connection that PostgreSQL
		// ended during its shutdown (57P01) after it is back: a second try gets a fresh one.
		return this.#gate.pass(() => once().catch((error) => (isConnectionFailure(error) ? once() : Promise.reject(error))));
	}
}

class PostgresJsDriver implements Driver {
	readonly #inFlight = new InFlight();
	readonly #lanes: Lanes;
	readonly #transactions: TransactionPool;
	constructor(private readonly pools: PostgresPools) {
		// One connection working again means the server is back: the others need not wait for
		// a failed probe of their own before they try.
		const recovered = () => {
			this.#lanes.retry();
			this.#transactions.retry();
		};
		this.#lanes = new Lanes(pools.lanes, pools.queueTimeoutMs ?? 0, recovered);
		this.#transactions = new TransactionPool(pools.transactions, pools.queueTimeoutMs ?? 0, recovered);
		pools.whenClosed?.((pool) => {
			const lane = pools.lanes.indexOf(pool);
			if (lane >= 0) this.#lanes.closed(lane);
			else this.#transactions.closed();
		});
	}

	async init() {}

	async acquireConnection() {
		return new PoolConnection(this.#lanes, this.#transactions, this.#inFlight);
	}

	async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
		const conn = connection as PoolConnection;
		let begin = 'begin';
		if (settings.isolationLevel || settings.accessMode) {
			begin = 'start transaction';
			if (settings.isolationLevel) begin += ` isolation level ${settings.isolationLevel}`;
			if (settings.accessMode) begin += ` ${settings.accessMode}`;
		}
		await conn.reserve();
		try {
			await conn.executeQuery(CompiledQuery.raw(begin));
		} catch (error) {
			// A connection PostgreSQL ended while it sat idle (a restart) fails on its first
			// statement. Nothing has run yet, so a fresh connection may take over once.
			if (!conn.broken) throw error;
			conn.release();
			await conn.reserve();
			await conn.executeQuery(CompiledQuery.raw(begin));
		}
	}

	// A transaction's connection goes back to its pool at COMMIT/ROLLBACK, not only when Kysely
	// releases the connection: inside a db.connection() scope it does not, and the scope's later
	// queries (the migrator's unlock) belong on the scope's own lane.
	async commitTransaction(connection: DatabaseConnection) {
		try {
			const { rows } = await connection.executeQuery<{ command: string }>(CompiledQuery.raw('commit'));
			if (rows[0]?.command === 'ROLLBACK') throw new Error('事务已中止：提交被数据库回滚');
		} finally {
			(connection as PoolConnection).release();
		}
	}

	async rollbackTransaction(connection: DatabaseConnection) {
		try {
			// A lost connection has no transaction left to roll back (PostgreSQL ended it).
			if (!(connection as PoolConnection).broken) await connection.executeQuery(CompiledQuery.raw('rollback'));
		} finally {
			(connection as PoolConnection).release();
		}
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
		// Let running queries finish (up to 1 s: by now shutdown has waited for the requests)
		// before ending: postgres.js 3.4 leaves its sockets open — and the process running —
		// when end() is called with queries queued.
		await this.#inFlight.idle(1000);
		await Promise.all([...this.pools.lanes, this.pools.transactions].map((sql) => sql.end({ timeout: 1 })));
	}
}

export class PostgresJsDialect implements Dialect {
	constructor(private readonly pools: PostgresPools) {}
	createAdapter() {
		return new PostgresAdapter();
	}
	createDriver() {
		return new PostgresJsDriver(this.pools);
	}
	createIntrospector(db: Kysely<unknown>) {
		return new PostgresIntrospector(db);
	}
	createQueryCompiler() {
		return new PostgresQueryCompiler();
	}
}
