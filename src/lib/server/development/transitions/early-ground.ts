import { z } from 'zod';
import { formFields } from '$lib/validation/form';
import { text } from '$lib/validation/fields';
import type { EarlyGround } from '../engine/types';

// 第三十二条第三款: probation may be extended, or cancelled, before it ends only because the
// probationary member 违犯党纪. The committee records that ground, with what happened, on the
// extension or cancellation it approves; the engine (probation-1y) reads it from the approval.

export const earlyGroundLabels: Record<EarlyGround['ground'], string> = { discipline: '违犯党纪' };

const description = text('违犯党纪的具体情况', { min: 1, max: 500 });

/** What a service caller hands in: checked again here, whoever built it. */
export function checkEarlyGround(g: EarlyGround): { ok: true; value: EarlyGround } | { ok: false; message: string } {
	if (g.ground !== 'discipline') return { ok: false, message: '提前讨论的事由只能是「违犯党纪」' };
	const d = description.safeParse(g.description);
	return d.success ? { ok: true, value: { ground: 'discipline', description: d.data } } : { ok: false, message: d.error.issues[0].message };
}

/** The transition form's 「提前讨论的事由」 (earlyGround, earlyDescription); both empty: decided on time. */
export const earlyGroundFields = z
	.object({
		earlyGround: z.string().trim().default(''),
		earlyDescription: z.string().trim().default('')
	})
	.transform((v, ctx): EarlyGround | undefined => {
		if (!v.earlyGround && !v.earlyDescription) return undefined;
		if (!v.earlyGround) {
			ctx.addIssue({ code: 'custom', path: ['earlyGround'], message: '填写了违犯党纪的具体情况，请同时选择事由「违犯党纪」' });
			return z.NEVER;
		}
		const checked = checkEarlyGround({ ground: v.earlyGround as EarlyGround['ground'], description: v.earlyDescription });
		if (checked.ok) return checked.value;
		ctx.addIssue({ code: 'custom', path: [checked.message.includes('事由') ? 'earlyGround' : 'earlyDescription'], message: checked.message });
		return z.NEVER;
	});

export function earlyGroundFromForm(form: FormData): { ok: true; value: EarlyGround | undefined } | { ok: false; errors: string[] } {
	const fields = formFields(form);
	const str = (v: unknown) => (typeof v === 'string' ? v : '');
	const parsed = earlyGroundFields.safeParse({ earlyGround: str(fields.earlyGround), earlyDescription: str(fields.earlyDescription) });
	return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: [...new Set(parsed.error.issues.map((i) => i.message))] };
}
