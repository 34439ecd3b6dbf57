// Tables of the development module (migrations/0006_development.ts); merged into Database in db/schema.ts.
import type { ColumnType, Generated } from 'kysely';
import type { Stage as DevelopmentStage } from '$lib/development/stages';
import type { DevelopmentSubmissionTable } from './submissions/table';
import type { DevelopmentCollegeSettingsTable } from './settings/college-table';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** 'YYYY-MM-DD' */
type CalendarDate = string;
type Json<T = unknown> = ColumnType<T, T | undefined, T>;

export { stages as developmentStages } from '$lib/development/stages';
export type { DevelopmentStage };

export const entryKinds = [
	'application',
	'talk',
	'nomination',
	'decision',
	'filing',
	'evaluation',
	'thought_report',
	'opinion',
	'public_notice',
	'political_review',
	'branch_review',
	'pre_review',
	'admission_form',
	'branch_meeting',
	'approval',
	'probation_extension',
	'placement',
	'oath',
	'confirmation_application',
	'archive',
	'external_training',
	'transfer_in',
	'stage_change'
] as const;
export type EntryKind = (typeof entryKinds)[number];

export interface DevelopmentRecordTable {
	personId: number;
	stage: DevelopmentStage;
	stageSince: CalendarDate;
	isLeagueMember: Generated<boolean>;
	expectedLeavingDate: CalendarDate | null;
	external: Generated<boolean>;
	imported: Generated<boolean>;
	closedOn: CalendarDate | null;
	closedReason: 'probation_cancelled' | 'withdrawn' | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface DevelopmentEntryTable {
	id: Generated<number>;
	personId: number;
	kind: EntryKind;
	occurredOn: CalendarDate;
	details: Json<Record<string, unknown>>;
	recordedBy: number | null;
	attachmentId: string | null;
	imported: Generated<boolean>;
	voidedAt: NullableTimestamp;
	voidedBy: number | null;
	voidReason: string | null;
	/** A committee's confirmation of what the branch recorded (external training). */
	confirmedBy: ColumnType<number | null, number | null | undefined, number | null>;
	confirmedAt: NullableTimestamp;
	createdAt: Timestamp;
}

export interface DevelopmentSupporterTable {
	id: Generated<number>;
	personId: number;
	role: 'mentor' | 'sponsor';
	supporterId: number | null;
	name: string;
	isFullMember: boolean | null;
	assignedOn: CalendarDate;
	endedOn: CalendarDate | null;
	assignedBy: number | null;
	imported: Generated<boolean>;
	createdAt: Timestamp;
}

export interface DevelopmentExemptionTable {
	id: Generated<number>;
	personId: number;
	checkId: string;
	reason: string;
	attachmentId: string | null;
	grantedBy: number;
	grantedOn: CalendarDate;
	grantedAt: Timestamp;
	revokedAt: NullableTimestamp;
	revokedBy: number | null;
}

export interface DevelopmentSettingsTable {
	id: Generated<number>;
	ruleSetId: string;
	overrides: Json<Record<string, Record<string, unknown>>>;
	effectiveFrom: ColumnType<Date, Date | string, Date | string>;
	note: Generated<string>;
	createdBy: number | null;
	createdAt: Timestamp;
}

export interface DevelopmentCalendarTable {
	year: number;
	data: Json;
	updatedBy: number | null;
	updatedAt: Timestamp;
}

export interface DevelopmentTables {
	developmentRecord: DevelopmentRecordTable;
	developmentEntry: DevelopmentEntryTable;
	developmentSupporter: DevelopmentSupporterTable;
	developmentExemption: DevelopmentExemptionTable;
	developmentSettings: DevelopmentSettingsTable;
	developmentCalendar: DevelopmentCalendarTable;
	developmentSubmission: DevelopmentSubmissionTable;
	developmentCollegeSettings: DevelopmentCollegeSettingsTable;
}
