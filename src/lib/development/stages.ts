// The stages of the development pipeline (发展党员), in order. The one list the rules engine, the
// tables and the pages share; it lives outside lib/server because the pages import it too.
export const stages = ['applicant', 'activist', 'candidate', 'probationary', 'member'] as const;
export type Stage = (typeof stages)[number];
