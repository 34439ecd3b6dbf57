import { z } from 'zod';
import { addDays, daysBetween, isCalendarDate, parseDate, weekday } from '../dates';

// The calendar is data a school admin updates each November when the State Council publishes the
// next year's arrangement; this schema is the one gate that JSON passes before it is used.

const calendarDate = z.string().refine(isCalendarDate, { message: '日期格式应为 YYYY-MM-DD' });

const holidayPeriod = z.object({
	name: z.string().min(1),
	from: calendarDate,
	to: calendarDate,
	makeUpWorkdays: z.array(calendarDate)
});

const yearArrangement = z
	.object({
		year: z.number().int().min(2000).max(2100),
		source: z.string().min(1),
		periods: z.array(holidayPeriod)
	})
	.superRefine((arrangement, ctx) => {
		const { year } = arrangement;
		// zod still runs this after a date failed its own format check; those are already reported.
		const dates = arrangement.periods.flatMap((p) => [p.from, p.to, ...p.makeUpWorkdays]);
		if (!dates.every(isCalendarDate)) return;
		// 元旦 may begin on 30/31 December of the year before (e.g. 2024), so that year is allowed too.
		const inYear = (d: string) => [year - 1, year].includes(parseDate(d).year);
		const offDays = new Set<string>();
		for (const p of arrangement.periods) {
			if (!inYear(p.from) || !inYear(p.to)) ctx.addIssue({ code: 'custom', message: `${year}年「${p.name}」的日期不在${year}年` });
			const span = daysBetween(p.from, p.to);
			if (span < 0) ctx.addIssue({ code: 'custom', message: `${year}年「${p.name}」的开始日期晚于结束日期` });
			// No official holiday has run past ten days; a longer one is a typo in the year or month.
			if (span > 15) ctx.addIssue({ code: 'custom', message: `${year}年「${p.name}」超过15天，请核对日期` });
			for (let d = p.from; span <= 15 && d <= p.to; d = addDays(d, 1)) offDays.add(d);
			for (const w of p.makeUpWorkdays) {
				if (!inYear(w)) ctx.addIssue({ code: 'custom', message: `${year}年「${p.name}」的调休上班日 ${w} 不在${year}年` });
				const wd = weekday(w);
				if (wd !== 0 && wd !== 6) ctx.addIssue({ code: 'custom', message: `调休上班日 ${w} 不是周六或周日` });
			}
		}
		for (const p of arrangement.periods)
			for (const w of p.makeUpWorkdays)
				if (offDays.has(w)) ctx.addIssue({ code: 'custom', message: `${w} 既是放假日又是调休上班日` });
	});

export const calendarDataSchema = z.array(yearArrangement).superRefine((years, ctx) => {
	const seen = new Set<number>();
	for (const y of years) {
		if (seen.has(y.year)) ctx.addIssue({ code: 'custom', message: `${y.year}年的节假日安排重复` });
		seen.add(y.year);
	}
});

export type HolidayPeriod = z.infer<typeof holidayPeriod>;
export type YearArrangement = z.infer<typeof yearArrangement>;
export type CalendarData = z.infer<typeof calendarDataSchema>;

/** Chinese messages for the admin's form; empty when the data can be compiled. */
export function validateCalendarData(data: unknown): string[] {
	const parsed = calendarDataSchema.safeParse(data);
	return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
}
