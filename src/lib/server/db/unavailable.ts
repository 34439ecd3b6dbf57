// The database cannot be reached (stopped, restarting, unreachable, or every connection busy
// for longer than DB_QUEUE_TIMEOUT). The driver turns every such failure into this one error,
// so that the HTTP layer can answer 503 at once instead of a 500 or a request that hangs.
export const DATABASE_UNAVAILABLE_MESSAGE = '数据库暂时不可用，请稍后重试';

export class DatabaseUnavailableError extends Error {
	readonly code = 'DATABASE_UNAVAILABLE';
	constructor(cause?: unknown) {
		super(DATABASE_UNAVAILABLE_MESSAGE, { cause });
		this.name = 'DatabaseUnavailableError';
	}
}

// Socket errors while connecting or talking, postgres.js's own connection errors, and the
// SQLSTATEs PostgreSQL sends while it shuts down, starts up or runs out of connections.
const CONNECTION_CODES = new Set([
	'ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND',
	'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED',
	'57P01', '57P02', '57P03', '53300'
]);

/** A failure of the connection, not of the statement (only for errors the driver raised). */
export function isConnectionFailure(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	if (typeof code !== 'string') return false;
	return CONNECTION_CODES.has(code) || code.startsWith('08');
}

export function isDatabaseUnavailable(error: unknown): error is DatabaseUnavailableError {
	return error instanceof DatabaseUnavailableError || (error as { code?: unknown } | null)?.code === 'DATABASE_UNAVAILABLE';
}
