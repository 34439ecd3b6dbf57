import { describe, expect, it } from 'vitest';
import { evaluateCompletion, type CompletionInputs } from './evaluate';
import type { FinalExamFacts } from '../quiz/completion-facts';
import { defaultRule, describeRule, type CompletionRule } from './rule';

const now = new Date('2026-04-20T02:00:00Z');
const later = new Date('2026-05-20T02:00:00Z');
const none: CompletionRule = { ...defaultRule(0), requireLessons: false, minOnlineHours: null };

function inputs(over: Partial<CompletionInputs> = {}): CompletionInputs {
	return {
		cohort: { status: 'open', endsOn: '2026-04-30' },
		lessons: { required: 8, done: 8 },
		onlineHours: 20,
		attendance: { sessions: 4, held: 4, attended: 4, leave: 0, absent: 0, offlineHours: 8, days: 2 },
		exam: null,
		reflection: null,
		...over
	};
}

const exam = (over: Partial<FinalExamFacts> = {}): FinalExamFacts => ({
	title: '结业考试',
	passMark: 60,
	score: 86,
	passed: true,
	attemptsUsed: 1,
	attemptsAllowed: 2,
	opensAt: new Date('2026-04-18T00:00:00Z'),
	closesAt: new Date('2026-04-30T10:00:00Z'),
	inProgress: false,
	...over
});

const part = (rule: CompletionRule, i: CompletionInputs, at = now) => {
	const r = evaluateCompletion(rule, i, at);
	expect(r.parts).toHaveLength(1);
	return r.parts[0];
};

describe('required lessons', () => {
	const rule = { ...none, requireLessons: true };
	it('is met when every required lesson is done, pending while open, not met once closed', () => {
		expect(part(rule, inputs())).toMatchObject({ state: 'met', reason: '必修课时已全部完成（8/8）' });
		expect(part(rule, inputs({ lessons: { required: 8, done: 5 } }))).toMatchObject({ state: 'pending', reason: '必修课时完成 5/8，尚差 3 讲' });
		expect(part(rule, inputs({ lessons: { required: 8, done: 5 }, cohort: { status: 'closed', endsOn: '2026-04-30' } })).state).toBe('not_met');
		expect(part(rule, inputs({ lessons: { required: 0, done: 0 } })).state).toBe('met');
	});
});

describe('online hours', () => {
	it('compares the hours with the minimum and says what is missing', () => {
		const rule = { ...none, minOnlineHours: 16 };
		expect(part(rule, inputs({ onlineHours: 16 })).state).toBe('met');
		expect(part(rule, inputs({ onlineHours: 12.5 }))).toMatchObject({ state: 'pending', reason: '线上学时 12.5，要求不少于 16，尚差 3.5' });
	});

	it('counts online hours only up to the cap in the hours credited', () => {
		const rule = { ...none, minOnlineHours: 8, onlineHoursCap: 12 };
		const r = evaluateCompletion(rule, inputs({ onlineHours: 20 }), now);
		expect(r.parts[0]).toMatchObject({ state: 'met', reason: '线上学时 20，要求不少于 8（最多计入 12）' });
		expect(r.hours).toEqual({ online: 12, offline: 8, total: 20 });
		expect(evaluateCompletion(rule, inputs({ onlineHours: 10 }), now).hours.online).toBe(10);
	});
});

describe('attendance rate', () => {
	const rule = { ...none, minAttendanceRate: 80 };
	const att = (attended: number, held = 10, sessions = 10) => ({ sessions, held, attended, leave: 0, absent: held - attended, offlineHours: attended, days: attended });

	it('gives the rate against the minimum once every session is held', () => {
		expect(part(rule, inputs({ attendance: att(7) }))).toMatchObject({ state: 'not_met', reason: '线下出勤率 70%，要求不低于 80%' });
		expect(part(rule, inputs({ attendance: att(8) }))).toMatchObject({ state: 'met', reason: '线下出勤率 80%，要求不低于 80%' });
	});

	it('never rounds a rate up to the minimum', () => {
		expect(part({ ...rule, minAttendanceRate: 67 }, inputs({ attendance: att(2, 3, 3) }))).toMatchObject({ state: 'not_met', reason: '线下出勤率 66.6%，要求不低于 67%' });
	});

	it('waits for the remaining sessions unless they can no longer lift the rate enough', () => {
		expect(part(rule, inputs({ attendance: att(3, 3, 10) })).state).toBe('pending');
		expect(part(rule, inputs({ attendance: att(3, 5, 10) })).state).toBe('pending');
		expect(part(rule, inputs({ attendance: att(2, 5, 10) }))).toMatchObject({ state: 'not_met', reason: expect.stringContaining('即使余下 5 次全部出勤') });
		expect(part(rule, inputs({ attendance: att(0, 0, 10) })).state).toBe('pending');
	});

	it('decides on the sessions held once the cohort is closed, and excuses a cohort without sessions', () => {
		const closed = { status: 'closed' as const, endsOn: '2026-04-30' };
		expect(part(rule, inputs({ cohort: closed, attendance: att(4, 5, 10) })).state).toBe('met');
		expect(part(rule, inputs({ cohort: closed, attendance: att(0, 0, 0) })).state).toBe('met');
		expect(part(rule, inputs({ attendance: att(0, 0, 0) })).state).toBe('pending');
	});
});

describe('unexcused absences', () => {
	const rule = { ...none, maxUnexcusedAbsences: 1 };
	const att = (absent: number, held = 6) => ({ sessions: 6, held, attended: held - absent, leave: 0, absent, offlineHours: 0, days: 0 });
	it('fails as soon as the limit is passed, and waits while sessions remain', () => {
		expect(part(rule, inputs({ attendance: att(1) }))).toMatchObject({ state: 'met', reason: '无故缺勤 1 次，要求不超过 1 次' });
		expect(part(rule, inputs({ attendance: att(2, 3) }))).toMatchObject({ state: 'not_met', reason: '无故缺勤 2 次，要求不超过 1 次' });
		expect(part(rule, inputs({ attendance: att(0, 3) })).state).toBe('pending');
	});

	it('counts leave (请假) against the rate but not as an absence', () => {
		const both = { ...none, minAttendanceRate: 80, maxUnexcusedAbsences: 0 };
		const r = evaluateCompletion(both, inputs({ attendance: { sessions: 5, held: 5, attended: 3, leave: 2, absent: 0, offlineHours: 6, days: 3 } }), now);
		expect(r.parts.map((p) => p.state)).toEqual(['not_met', 'met']);
	});
});

describe('final exam', () => {
	const rule = { ...none, requireFinalExam: true };
	it('is met by a passing score', () => {
		expect(part(rule, inputs({ exam: exam() }))).toMatchObject({ state: 'met', reason: '结业考试 86 分（及格线 60 分）' });
	});

	it('is pending while the learner may still sit it, not met after', () => {
		const failed = exam({ score: 52, passed: false });
		expect(part(rule, inputs({ exam: failed }))).toMatchObject({ state: 'pending', reason: expect.stringContaining('结业考试 52 分，未达到及格线 60 分，还可再考 1 次') });
		expect(part(rule, inputs({ exam: { ...failed, attemptsUsed: 2 } }))).toMatchObject({ state: 'not_met', reason: '结业考试 52 分，未达到及格线 60 分，已无剩余考试机会' });
		expect(part(rule, inputs({ exam: failed }), later).state).toBe('not_met');
		const absent = exam({ score: null, passed: null, attemptsUsed: 0 });
		expect(part(rule, inputs({ exam: absent })).reason).toMatch(/^尚未参加结业考试（截止 /);
		expect(part(rule, inputs({ exam: absent }), later).reason).toMatch(/^未参加结业考试（已于 .* 截止）$/);
	});

	it('waits for grading and for a running attempt, and for a cohort that has no exam yet', () => {
		expect(part(rule, inputs({ exam: exam({ score: null, passed: null }) })).reason).toBe('结业考试已交卷，成绩待评定');
		expect(part(rule, inputs({ exam: exam({ score: null, passed: null, inProgress: true }) })).state).toBe('pending');
		expect(part(rule, inputs({ exam: null }))).toMatchObject({ state: 'pending', reason: '培训班尚未安排结业考试' });
		expect(part(rule, inputs({ exam: null, cohort: { status: 'closed', endsOn: '2026-04-30' } })).state).toBe('not_met');
	});
});

describe('reflection essay', () => {
	const rule = { ...none, reflectionMinChars: 800 };
	it('needs an approved essay of the minimum length', () => {
		expect(part(rule, inputs()).reason).toBe('尚未提交心得体会（不少于 800 字）');
		expect(part(rule, inputs({ reflection: { status: 'submitted', chars: 900, reviewComment: null } }))).toMatchObject({ state: 'pending', reason: '心得体会已提交（900 字），待教师审核' });
		expect(part(rule, inputs({ reflection: { status: 'returned', chars: 900, reviewComment: '请结合自身实际' } })).reason).toBe('心得体会被退回：请结合自身实际，请修改后重新提交');
		expect(part(rule, inputs({ reflection: { status: 'approved', chars: 900, reviewComment: null } })).state).toBe('met');
		expect(part(rule, inputs({ reflection: { status: 'approved', chars: 500, reviewComment: null } })).state).toBe('pending');
	});
});

describe('the whole rule', () => {
	const full: CompletionRule = {
		requireLessons: true,
		minOnlineHours: 16,
		onlineHoursCap: 20,
		minAttendanceRate: 80,
		maxUnexcusedAbsences: 1,
		requireFinalExam: true,
		finalExamId: null,
		reflectionMinChars: 800
	};
	const approved = { status: 'approved' as const, chars: 1000, reviewComment: null };

	it('is met only when every part is', () => {
		const r = evaluateCompletion(full, inputs({ exam: exam(), reflection: approved }), now);
		expect(r.state).toBe('met');
		expect(r.parts.map((p) => p.key)).toEqual(['lessons', 'online_hours', 'attendance_rate', 'absences', 'final_exam', 'reflection']);
		expect(r.lacking).toEqual([]);
		expect(r).toMatchObject({ score: 86, examPassed: true, days: 2, hours: { online: 20, offline: 8, total: 28 } });
	});

	it('is not met when any part is not met, even if others are pending', () => {
		const r = evaluateCompletion(full, inputs({ exam: exam({ score: 40, passed: false, attemptsUsed: 2 }), lessons: { required: 8, done: 2 } }), now);
		expect(r.state).toBe('not_met');
		expect(r.lacking).toEqual([expect.stringContaining('必修课时'), expect.stringContaining('40 分'), expect.stringContaining('心得体会')]);
	});

	it('is pending while something can still be done', () => {
		expect(evaluateCompletion(full, inputs({ exam: exam(), reflection: null }), now).state).toBe('pending');
	});

	it('with no parts at all everyone completes, and the default asks lessons and hours', () => {
		expect(evaluateCompletion(none, inputs({ lessons: { required: 3, done: 0 } }), now).state).toBe('met');
		expect(evaluateCompletion(defaultRule(24), inputs({ onlineHours: 20 }), now).parts.map((p) => p.state)).toEqual(['met', 'pending']);
		expect(describeRule(defaultRule(24))).toEqual(['完成全部必修课时', '线上学时不少于 24']);
		expect(evaluateCompletion(full, inputs({ exam: exam({ score: null, passed: null, attemptsUsed: 0 }) }), now).examPassed).toBe(false);
		expect(evaluateCompletion(full, inputs(), now).examPassed).toBeNull();
		expect(evaluateCompletion(none, inputs(), now).examPassed).toBeNull();
	});
});
