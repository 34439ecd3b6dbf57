import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A calendar date, 'YYYY-MM-DD' (Asia/Shanghai), never a Date object. */
export type CalendarDate = string;
/** timestamptz: read as Date; written as Date or ISO string; optional where the column has a default. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, unknown, unknown>;

import type { OrgKind, PoliticalStatus, Role } from '../../domain';
import type { QuizTables } from '../quiz/tables';
import type { AttendanceTables } from '../attendance/tables';
import type { CertificateTables } from '../certificates/tables';
import type { DevelopmentTables } from '../development/tables';
import type { HttpTables } from '../http/tables';
import type { PeopleTables } from '../people/tables';
import type { ApiClientTables } from '../api-clients/tables';
import type { Education } from '../../people/registry';
export { orgKinds, politicalStatuses, roles } from '../../domain';
export type { OrgKind, PoliticalStatus, Role };

export interface OrgUnitTable {
	id: Generated<number>;
	parentId: number | null;
	kind: OrgKind;
	name: string;
	code: string;
	path: Generated<string>;
	hasBranchCommittee: Generated<boolean>;
	sortOrder: Generated<number>;
	createdAt: Timestamp;
	archivedAt: Date | null;
}

export interface PersonTable {
	id: Generated<number>;
	username: string;
	name: string;
	gender: 'male' | 'female';
	birthDate: CalendarDate | null;
	orgUnitId: number;
	grade: string | null;
	classGroup: string | null;
	politicalStatus: Generated<PoliticalStatus>;
	phone: string | null;
	graduationDate: CalendarDate | null;
	ethnicity: string | null;
	nativePlace: string | null;
	education: Education | null;
	joinedOn: CalendarDate | null;
	confirmedOn: CalendarDate | null;
	passwordHash: string | null;
	mustChangePassword: Generated<boolean>;
	isActive: Generated<boolean>;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface RoleAssignmentTable {
	id: Generated<number>;
	personId: number;
	role: Role;
	orgUnitId: number;
	createdAt: Timestamp;
}

export interface AuthSessionTable {
	id: string;
	personId: number;
	expiresAt: ColumnType<Date, Date | string, Date | string>;
	createdAt: Timestamp;
}

export interface LoginAttemptTable {
	id: Generated<number>;
	username: string;
	ip: string;
	succeeded: boolean;
	at: Timestamp;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: ColumnType<Date, Date | string, Date | string>;
	actorId: number | null;
	action: string;
	entityType: string;
	entityId: string | null;
	before: Json | null;
	after: Json | null;
	prevHash: string | null;
	hash: string;
}

export interface AppSettingTable {
	key: string;
	value: Json;
	updatedAt: Timestamp;
}

export const courseCategories = ['activist_training', 'candidate_training', 'probationary_training', 'member_education'] as const;
export type CourseCategory = (typeof courseCategories)[number];

export interface CourseTable {
	id: Generated<number>;
	code: string;
	title: string;
	category: CourseCategory;
	description: Generated<string>;
	creditHours: Generated<number>;
	source: 'content' | 'browser';
	certificateValidityMonths: Generated<number>;
	/** the unit whose subtree authors the course and its bank; null: the whole school */
	orgUnitId: ColumnType<number | null, number | null | undefined, number | null>;
	createdBy: number | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface LessonTable {
	id: Generated<number>;
	courseId: number;
	slug: string;
	sortOrder: number;
	title: string;
	creditHours: number;
	required: Generated<boolean>;
	draftBody: Generated<string>;
	draftUpdatedAt: Date | string | null;
	draftUpdatedBy: number | null;
	/** +1 on every write of the draft: a save names the revision it started from (autosave conflicts) */
	draftRevision: Generated<number>;
	/** the editor page (a random id per page load) that wrote draftRevision */
	draftEditor: string | null;
	publishedVersionId: number | null;
	publishAt: Date | string | null;
	createdAt: Timestamp;
}

export interface LessonVersionTable {
	id: Generated<number>;
	lessonId: number;
	version: number;
	title: string;
	creditHours: number;
	required: boolean;
	body: string;
	html: string;
	contentHash: string;
	publishedAt: Timestamp;
	publishedBy: number | null;
}

export interface StoredFileTable {
	id: Generated<string>;
	name: string;
	contentType: string;
	size: number;
	sha256: string;
	data: Uint8Array;
	courseId: number | null;
	createdBy: number | null;
	createdAt: Timestamp;
}

export interface CohortTable {
	id: Generated<number>;
	courseId: number;
	name: string;
	orgUnitId: number;
	startsOn: CalendarDate;
	endsOn: CalendarDate;
	requiredHours: number;
	status: Generated<'open' | 'closed'>;
	createdBy: number | null;
	createdAt: Timestamp;
}

export interface CohortInstructorTable {
	cohortId: number;
	personId: number;
}

export interface EnrollmentTable {
	id: Generated<number>;
	cohortId: number;
	personId: number;
	enrolledAt: Timestamp;
	enrolledBy: number | null;
}

export interface StudyClockTable {
	personId: number;
	lastBeatAt: Date | string;
	lastTab: string;
	lastSeq: number;
}

export interface LessonProgressTable {
	personId: number;
	lessonId: number;
	secondsCredited: Generated<number>;
	reachedEnd: Generated<boolean>;
	videoSeconds: Generated<number>;
	videoRanges: ColumnType<[number, number][], [number, number][] | undefined, [number, number][]>;
	firstSeenAt: Timestamp;
	lastSeenAt: Timestamp;
	completedAt: Date | string | null;
}

/**
 * Later features declare their tables beside their code (x/tables.ts) and are
 * merged here, so each feature owns its types.
 */
export interface Database extends QuizTables, AttendanceTables, CertificateTables, DevelopmentTables, HttpTables, PeopleTables, ApiClientTables {
	orgUnit: OrgUnitTable;
	person: PersonTable;
	roleAssignment: RoleAssignmentTable;
	authSession: AuthSessionTable;
	loginAttempt: LoginAttemptTable;
	auditLog: AuditLogTable;
	appSetting: AppSettingTable;
	course: CourseTable;
	lesson: LessonTable;
	lessonVersion: LessonVersionTable;
	storedFile: StoredFileTable;
	cohort: CohortTable;
	cohortInstructor: CohortInstructorTable;
	enrollment: EnrollmentTable;
	studyClock: StudyClockTable;
	lessonProgress: LessonProgressTable;
}

export type OrgUnit = Selectable<OrgUnitTable>;
export type Person = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type RoleAssignment = Selectable<RoleAssignmentTable>;
