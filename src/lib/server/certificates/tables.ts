// Tables of the completion & certificates feature (migrations/0005_certificates.ts); merged into Database in db/schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CertificateTables {}
