/** An attempt's clock and marks (`examAttempt as a`), read alike by the learner's and the instructor's views. */
export const attemptOutcomeColumns = ['a.startedAt', 'a.deadlineAt', 'a.submittedAt', 'a.submitReason', 'a.points', 'a.maxPoints', 'a.score'] as const;
