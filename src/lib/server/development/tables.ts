// Tables of the development module (migrations/0006_development.ts); merged into Database in db/schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DevelopmentTables {}
