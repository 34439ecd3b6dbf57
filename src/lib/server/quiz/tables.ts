// Tables of the quiz feature (migrations/0003_quizzes.ts); merged into Database in db/schema.ts.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type JsonOf<T> = ColumnType<T, T, T>;

export const questionTypes = ['single', 'multiple', 'true_false', 'fill_blank'] as const;
export type QuestionType = (typeof questionTypes)[number];

/** single: index; multiple: sorted indexes; true_false: boolean; fill_blank: accepted texts. */
export type AnswerKey = number | number[] | boolean | string[];
/** What a learner gave, in the author's option order: same shapes, fill_blank as one text. */
export type Response = number | number[] | boolean | string;

export interface PaperRule {
	type: QuestionType;
	count: number;
	points: number;
	/** lesson orders to draw from; empty or absent = any */
	chapters?: number[];
	difficulty?: number;
}

/** One question of a drawn paper: question id, points, option order shown (null = as written). */
export interface PaperItem {
	q: number;
	p: number;
	o: number[] | null;
}

export const visibilities = ['never', 'after_submit', 'after_close'] as const;
export type Visibility = (typeof visibilities)[number];

export interface QuestionTable {
	id: Generated<number>;
	courseId: number;
	code: string | null;
	source: 'content' | 'browser';
	type: QuestionType;
	chapter: number | null;
	tag: Generated<string>;
	difficulty: Generated<number>;
	stem: string;
	options: ColumnType<string[], string[] | undefined, string[]>;
	answer: JsonOf<AnswerKey>;
	explanation: Generated<string>;
	keyVersion: Generated<number>;
	archivedAt: NullableTimestamp;
	createdBy: number | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface ExamTable {
	id: Generated<number>;
	cohortId: number;
	title: string;
	opensAt: ColumnType<Date, Date | string, Date | string>;
	closesAt: ColumnType<Date, Date | string, Date | string>;
	timeLimitMinutes: number;
	attemptsAllowed: Generated<number>;
	passMark: Generated<number>;
	gradingMethod: Generated<'highest' | 'last'>;
	multipleScoring: Generated<'all_or_nothing' | 'partial'>;
	rules: JsonOf<PaperRule[]>;
	shuffleQuestions: Generated<boolean>;
	shuffleOptions: Generated<boolean>;
	scoreVisibility: Generated<Visibility>;
	reviewVisibility: Generated<Visibility>;
	/** every required lesson of the course completed before an attempt starts */
	requireLessons: Generated<boolean>;
	/** 学时 reached before an attempt starts; numeric, so postgres.js reads it as a string */
	minHours: ColumnType<string | number | null, number | null | undefined, number | null>;
	createdBy: number | null;
	createdAt: Timestamp;
	updatedAt: Timestamp;
}

export interface ExamOverrideTable {
	examId: number;
	personId: number;
	extraAttempts: Generated<number>;
	extraMinutes: Generated<number>;
	opensAt: NullableTimestamp;
	closesAt: NullableTimestamp;
	note: Generated<string>;
	createdBy: number | null;
	updatedAt: Timestamp;
}

export interface ExamAttemptTable {
	id: Generated<number>;
	examId: number;
	personId: number;
	attemptNo: number;
	status: Generated<'in_progress' | 'submitted'>;
	seed: number;
	paper: JsonOf<PaperItem[]>;
	startedAt: Timestamp;
	deadlineAt: ColumnType<Date, Date | string, Date | string>;
	submittedAt: NullableTimestamp;
	submitReason: 'learner' | 'timeout' | null;
	points: number | null;
	maxPoints: number;
	score: number | null;
	passed: boolean | null;
	gradedAt: NullableTimestamp;
}

export interface ExamAnswerTable {
	attemptId: number;
	questionId: number;
	response: JsonOf<Response>;
	seq: Generated<number>;
	savedAt: Timestamp;
	correct: boolean | null;
	points: number | null;
}

export const eventKinds = ['hidden', 'blur', 'paste', 'offline', 'online'] as const;
export type EventKind = (typeof eventKinds)[number];

export interface ExamEventTable {
	id: Generated<number>;
	attemptId: number;
	kind: EventKind;
	at: ColumnType<Date, Date | string, Date | string>;
	receivedAt: Timestamp;
}

export interface QuizTables {
	question: QuestionTable;
	exam: ExamTable;
	examOverride: ExamOverrideTable;
	examAttempt: ExamAttemptTable;
	examAnswer: ExamAnswerTable;
	examEvent: ExamEventTable;
}
