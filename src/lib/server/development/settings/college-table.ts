import type { ColumnType, Generated } from 'kysely';

// migrations/20261202220102_college_rules.ts: a college committee's tightening of the school's rules.
export interface DevelopmentCollegeSettingsTable {
	id: Generated<number>;
	orgUnitId: number;
	overrides: ColumnType<Record<string, Record<string, unknown>>, Record<string, Record<string, unknown>> | undefined, Record<string, Record<string, unknown>>>;
	effectiveFrom: ColumnType<Date, Date | string, Date | string>;
	note: Generated<string>;
	createdBy: number | null;
	createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
}
