// Tables of the members' registry (migrations/20261202205721_member_registry.ts); merged into Database in db/schema.ts.
import type { ColumnType, Generated } from 'kysely';
import type { DisciplineKind } from '$lib/people/registry';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CalendarDate = string;

/** 身份证号: read only through people/identity.ts, which masks it below committee level. */
export interface PersonIdentityTable {
	personId: number;
	idNumber: string;
	updatedAt: Timestamp;
}

/** 处分: recorded by a committee, never deleted; a mistaken record is voided with a reason. */
export interface PersonDisciplineTable {
	id: Generated<number>;
	personId: number;
	kind: DisciplineKind;
	/** the day the sanction takes effect */
	startsOn: CalendarDate;
	/** 留党察看 only: the last day of the probation (inclusive) */
	endsOn: CalendarDate | null;
	/** the body that decided it, e.g. 计算机学院党委 */
	decidedBy: string;
	documentNo: string | null;
	reason: string;
	recordedBy: number | null;
	recordedAt: Timestamp;
	voidedAt: Date | null;
	voidedBy: number | null;
	voidReason: string | null;
}

export interface PeopleTables {
	personIdentity: PersonIdentityTable;
	personDiscipline: PersonDisciplineTable;
}
