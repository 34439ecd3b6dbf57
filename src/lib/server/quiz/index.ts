// What the rest of the server calls: the start-up sync, the timer's sweep, the demo seed.
export { syncContentQuestions } from './content-sync';
export { closeExpiredAttempts } from './grading';
export { seedDemoExam } from './demo';
