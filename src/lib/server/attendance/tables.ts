// Tables of the attendance feature (migrations/0004_attendance.ts, …_checkin_place.ts); merged into Database in db/schema.ts.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const sessionKinds = ['lecture', 'discussion', 'practice', 'exam'] as const;
export type SessionKind = (typeof sessionKinds)[number];

export const attendanceStatuses = ['present', 'late', 'early_leave', 'leave', 'absent'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];
export type AttendanceSource = 'checkin' | 'manual' | 'leave' | 'auto';

export type LeaveStatus = 'pending' | 'approved' | 'refused';
export type FlagKind = 'shared_device' | 'outside_network' | 'outside_location' | 'no_location' | 'expired_code' | 'bad_code';

export interface ClassSessionTable {
	id: Generated<number>;
	cohortId: number;
	seriesId: string | null;
	title: string;
	kind: SessionKind;
	startsAt: ColumnType<Date, Date | string, Date | string>;
	endsAt: ColumnType<Date, Date | string, Date | string>;
	place: Generated<string>;
	instructorId: number | null;
	creditHours: Generated<number>;
	checkoutRequired: Generated<boolean>;
	checkinOpensMin: Generated<number>;
	lateAfterMin: Generated<number>;
	checkinClosesMin: Generated<number>;
	codeSeconds: Generated<number>;
	/** null: the school's campus networks (app_setting); []: any network */
	allowedNetworks: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
	/** the place of the session; all three set or none */
	locationLat: number | null;
	locationLng: number | null;
	locationRadiusM: number | null;
	/** refuse a check-in outside the networks or the radius (else accept and flag it) */
	checkinEnforced: Generated<boolean>;
	status: Generated<'scheduled' | 'cancelled'>;
	notice: string | null;
	noticeAt: NullableTimestamp;
	closedAt: NullableTimestamp;
	createdBy: number | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface AttendanceAssistantTable {
	cohortId: number;
	personId: number;
	addedBy: number | null;
	addedAt: Timestamp;
}

export interface AttendanceTable {
	id: Generated<number>;
	sessionId: number;
	personId: number;
	status: AttendanceStatus;
	source: AttendanceSource;
	checkedInAt: NullableTimestamp;
	deviceId: string | null;
	ip: string | null;
	userAgent: string | null;
	checkedOutAt: NullableTimestamp;
	checkoutDeviceId: string | null;
	checkoutIp: string | null;
	reason: string | null;
	markedBy: number | null;
	markedAt: Timestamp;
}

export interface LeaveRequestTable {
	id: Generated<number>;
	sessionId: number;
	personId: number;
	reason: string;
	fileId: string | null;
	status: Generated<LeaveStatus>;
	requestedAt: Timestamp;
	decidedBy: number | null;
	decidedAt: NullableTimestamp;
	decisionNote: string | null;
}

export interface AttendanceFlagTable {
	id: Generated<number>;
	sessionId: number | null;
	personId: number;
	kind: FlagKind;
	deviceId: string | null;
	ip: string | null;
	userAgent: string | null;
	detail: ColumnType<unknown, unknown, unknown>;
	at: Timestamp;
}

export interface AttendanceTables {
	session: ClassSessionTable;
	attendanceAssistant: AttendanceAssistantTable;
	attendance: AttendanceTable;
	leaveRequest: LeaveRequestTable;
	attendanceFlag: AttendanceFlagTable;
}
