import { z } from 'zod';
import { id } from '$lib/validation/fields';
import { sentText } from '$lib/validation/form';
import { transitions } from './engine/types';

// The fixed fields of each form on a person's development record (/development/people/[id]).
// Dates, texts and kinds are the record functions' to judge (their messages name the rule and
// the day), so those fields arrive here only trimmed; what is refused here is what the page's
// buttons and selects send, and ids PostgreSQL's integer could not hold. Detail fields (d_…),
// the meeting roll and the early ground are read by their own readers from the same form.

const trimmed = () => sentText({ trim: true });
/** A checkbox the page sends as 'on'. */
const ticked = () => z.unknown().optional().transform((v) => v === 'on');

const steps = transitions.filter((t) => t !== 'apply') as [Exclude<(typeof transitions)[number], 'apply'>, ...Exclude<(typeof transitions)[number], 'apply'>[]];

export const applyForm = z.object({ on: trimmed(), isLeagueMember: ticked(), note: trimmed() });

export const transitionForm = z.object({
	transition: z.enum(steps, { error: '请选择要办理的事项' }),
	on: trimmed().transform((v) => v || undefined),
	// Only a whole number of months counts; anything else is "not given", as the engine's default applies.
	months: trimmed().transform((v) => (v !== '' && Number.isInteger(Number(v)) ? Number(v) : undefined)),
	lateReason: trimmed(),
	lateDecidedOn: trimmed(),
	lateDecision: trimmed(),
	note: trimmed()
});

export const entryForm = z.object({ kind: trimmed(), occurredOn: trimmed() });

export const voidForm = z.object({ entryId: id('记录'), reason: trimmed() });

export const confirmTrainingForm = z.object({ entryId: id('记录') });

export const supporterForm = z.object({
	role: z.enum(['mentor', 'sponsor'], { error: '请选择培养联系人或入党介绍人' }),
	username: trimmed(),
	assignedOn: trimmed()
});

export const endSupporterForm = z.object({ id: id('联系人记录'), endedOn: trimmed() });

export const exemptForm = z.object({
	checkId: trimmed(),
	reason: trimmed(),
	// The step an exemption is for, when the page names one; any other value is none.
	transition: z.unknown().optional().transform((v) => transitions.find((t) => t === v))
});

export const revokeExemptionForm = z.object({ id: id('豁免记录') });

export const factsForm = z.object({ expectedLeavingDate: trimmed(), isLeagueMember: ticked() });
