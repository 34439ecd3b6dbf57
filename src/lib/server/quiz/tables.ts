// Tables of the quiz feature (migrations/0003_quizzes.ts); merged into Database in db/schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface QuizTables {}
