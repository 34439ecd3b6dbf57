import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { saveFile } from '../files/store';

// Form posts → the shapes the development functions take. Detail fields are posted as d_<name>,
// so the entry's own fields (kind, date) never collide with a detail of the same name.

const booleans = new Set(['unresolvedObjections', 'passed', 'examPassed']);
const truthy = new Set(['on', 'true', '1', '是']);

export function detailsFromForm(form: FormData): Record<string, unknown> {
	const details: Record<string, unknown> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value !== 'string') continue;
		if (key === 'note') details.note = value;
		if (!key.startsWith('d_')) continue;
		const name = key.slice(2);
		if (booleans.has(name)) details[name] = truthy.has(value);
		// An empty field is "not given", so the schema's "请填写…" applies instead of a silent 0.
		else if (value.trim() !== '') details[name] = value;
	}
	for (const name of booleans) if (!(name in details) && form.has(`d_${name}_present`)) details[name] = false;
	return details;
}

const scanExtensions = /\.(pdf|png|jpe?g|gif|webp)$/i;

export type Upload = { ok: true; id: string | null } | { ok: false; message: string };

/** The scanned attachment of a form, stored before the record it belongs to (a failed record leaves an unused file, never a dangling link). */
export async function uploadScan(db: Kysely<Database>, form: FormData, field: string, actorId: number): Promise<Upload> {
	const file = form.get(field);
	if (!(file instanceof File) || file.size === 0) return { ok: true, id: null };
	if (!scanExtensions.test(file.name)) return { ok: false, message: `附件“${file.name}”应为 PDF 或图片（PNG、JPEG、GIF、WebP）` };
	const saved = await saveFile(db, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), courseId: null, actorId });
	return saved.ok ? { ok: true, id: saved.id } : { ok: false, message: saved.message };
}
