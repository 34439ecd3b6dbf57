import type { ColumnType } from 'kysely';

export interface IdempotencyKeyTable {
	personId: number;
	action: string;
	key: string;
	createdAt: ColumnType<Date, Date | string | undefined, never>;
	/** what the first request answered; replays answer the same */
	result: unknown;
}

export interface HttpTables {
	idempotencyKey: IdempotencyKeyTable;
}
