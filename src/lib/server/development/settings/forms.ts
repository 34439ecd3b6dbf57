import { z } from 'zod';
import { checkbox } from '$lib/validation/form';
import { optionalText, text } from '$lib/validation/fields';

// The fixed fields of the settings forms. What a value must be (a date from today on, a rule set
// that exists, a year in range) is save.ts's to say, in the words the pages already show; these
// schemas only keep out what no one types: control characters and pasted pages.

const effectiveFrom = optionalText('生效日期', 40);
const note = optionalText('修改说明', 500);

/** /development/settings; the rules' own fields are read by overridesFromForm. */
export const settingsForm = z.object({ ruleSetId: optionalText('规则集', 100), effectiveFrom, note, confirmSwitch: checkbox() });

/** /development/settings/college; the rules' own fields are read by collegeOverridesFromForm (college-form.ts). */
export const collegeSettingsForm = z.object({ unit: optionalText('学院党委', 20), effectiveFrom, note });

/** /development/settings/calendar: a year and, to save it, its holidays as JSON (kept as typed). */
export const calendarForm = z.object({
	year: optionalText('年份', 20),
	json: text('节假日安排（JSON）', { max: 200_000, trim: false }).default('')
});
