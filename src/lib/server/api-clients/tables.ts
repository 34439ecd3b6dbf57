// Tables of the API for other systems (migrations/20261203160050_api_clients.ts); merged into Database in db/schema.ts.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ApiClientTable {
	id: Generated<number>;
	name: string;
	/** SHA-256 of the token, hex: the token itself is shown once and never stored */
	tokenHash: string;
	requestsPerMinute: Generated<number>;
	createdBy: number | null;
	createdAt: Timestamp;
	revokedAt: NullableTimestamp;
	revokedBy: number | null;
}

/** The org units whose subtrees a client reads. */
export interface ApiClientUnitTable {
	clientId: number;
	orgUnitId: number;
}

/** Requests per client and minute (minutes since the epoch), shared by every instance. */
export interface ApiClientHitTable {
	clientId: number;
	minute: number;
	hits: number;
}

export interface ApiClientTables {
	apiClient: ApiClientTable;
	apiClientUnit: ApiClientUnitTable;
	apiClientHit: ApiClientHitTable;
}
