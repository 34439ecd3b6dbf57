// Tables of the attendance feature (migrations/0004_attendance.ts); merged into Database in db/schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AttendanceTables {}
