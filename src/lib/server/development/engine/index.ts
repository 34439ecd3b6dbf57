// Public entry of the development rules engine: pure functions, no I/O. See README.md.
export { evaluateTransition, type TransitionEvaluation } from './evaluate-transition';
export { dueItems, type DueItem, type DueItemKind, type DueStatus } from './due-items';
export { resolveSettings, ruleSets, getRuleSet, defaultRuleSetId, cpc2014, cpc2026, type SchoolOverrides, type ResolvedSettings } from './rule-sets';
export { compileCalendar, addWorkingDays, workingDaysBetween, isWorkingDay, noticeEndDate, type WorkingCalendar, type CalendarAnswer } from './calendar';
export { officialCalendarData, validateCalendarData, calendarDataSchema, type CalendarData } from './calendar-data';
export { todayInShanghai } from './dates';
export type * from './types';
export type { CheckId, CheckParamsById, EffectiveSettings, AppliedRule, RuleSet, RuleDefinition, ParamSpec } from './rule-types';
