// Tables of the completion & certificates feature (migrations/0005_certificates.ts); merged into Database in db/schema.ts.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** 'YYYY-MM-DD' */
type CalendarDate = string;

export interface CompletionRuleTable {
	cohortId: number;
	requireLessons: Generated<boolean>;
	minOnlineHours: number | null;
	onlineHoursCap: number | null;
	minAttendanceRate: number | null;
	maxUnexcusedAbsences: number | null;
	requireFinalExam: Generated<boolean>;
	finalExamId: number | null;
	reflectionMinChars: number | null;
	updatedBy: number | null;
	updatedAt: Timestamp;
}

export const reflectionStatuses = ['submitted', 'approved', 'returned'] as const;
export type ReflectionStatus = (typeof reflectionStatuses)[number];

export interface ReflectionTable {
	id: Generated<number>;
	cohortId: number;
	personId: number;
	body: string;
	chars: number;
	status: Generated<ReflectionStatus>;
	submittedAt: Timestamp;
	reviewedBy: number | null;
	reviewedAt: NullableTimestamp;
	reviewComment: string | null;
}

export interface CertificateTable {
	id: Generated<number>;
	cohortId: number;
	personId: number;
	serial: string;
	verifyCode: string;
	verifyUrl: string;
	holderName: string;
	courseCode: string;
	courseTitle: string;
	courseCategory: string;
	cohortName: string;
	startsOn: CalendarDate;
	endsOn: CalendarDate;
	creditHours: number;
	onlineHours: number;
	offlineHours: number;
	offlineDays: Generated<number>;
	score: number | null;
	examPassed: boolean | null;
	issuedAt: ColumnType<Date, Date | string, Date | string>;
	issuedOn: CalendarDate;
	validUntil: CalendarDate | null;
	issuingBody: string;
	issuedBy: number | null;
	pdf: Uint8Array | null;
	pdfSha256: string | null;
	pdfSize: number | null;
	revokedAt: NullableTimestamp;
	revokedBy: number | null;
	revokeReason: string | null;
	supersededAt: NullableTimestamp;
	supersededById: number | null;
	reissueOfId: number | null;
}

export interface CertificateSequenceTable {
	scope: string;
	lastValue: number;
}

export interface VerifyHitTable {
	ip: string;
	minute: number;
	hits: number;
}

export interface CertificateTables {
	completionRule: CompletionRuleTable;
	reflection: ReflectionTable;
	certificate: CertificateTable;
	certificateSequence: CertificateSequenceTable;
	verifyHit: VerifyHitTable;
}
