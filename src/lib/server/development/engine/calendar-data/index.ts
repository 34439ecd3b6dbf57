import type { CalendarData } from './schema';
import { cn2025 } from './cn-2025';
import { cn2026 } from './cn-2026';

/**
 * The official arrangements shipped with the code, used to seed the admin-editable copy in the
 * database. 2027 is published around November 2026; until an admin adds it, anything that
 * counts working days into 2027 answers "工作日历缺失".
 */
export const officialCalendarData: CalendarData = [cn2025, cn2026];

export { cn2025, cn2026 };
export { calendarDataSchema, validateCalendarData, type CalendarData, type YearArrangement, type HolidayPeriod } from './schema';
