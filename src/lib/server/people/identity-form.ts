import type { AuthUser } from '../auth/session';
import { can } from '../auth/authz';
import { idNumberField, idNumberMismatch } from './identity';

export type IdNumberFromForm = { ok: true; value: string | null | undefined } | { ok: false; forbidden: boolean; message: string };

/**
 * The 身份证号 a person form sends: undefined when the form had no such field (it is shown only
 * to committee level), which leaves the number on file alone.
 */
export function idNumberFromForm(values: Record<string, unknown>, actor: AuthUser, orgPath: string, birthDate: string | null): IdNumberFromForm {
	if (!('idNumber' in values)) return { ok: true, value: undefined };
	if (!can(actor, 'person.sensitive.view', { orgPath })) return { ok: false, forbidden: true, message: '您无权查看或修改身份证号' };
	const parsed = idNumberField.safeParse(values.idNumber);
	if (!parsed.success) return { ok: false, forbidden: false, message: parsed.error.issues[0].message };
	const mismatch = parsed.data ? idNumberMismatch(parsed.data, birthDate) : null;
	return mismatch ? { ok: false, forbidden: false, message: mismatch } : { ok: true, value: parsed.data };
}
