import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuthUser } from '../../auth/session';
import { appendAudit } from '../../audit/log';
import { canAdministerDevelopment } from '../access';
import { rulesInEffect, settingsVersionAt } from './rules-in-effect';
import { switchImpact, type SwitchImpactRow } from './rule-set-switch';
import { validateCalendarData } from '../engine/calendar-data';
import { isCalendarDate, todayInShanghai } from '../engine/dates';
import { getRuleSet } from '../engine/rule-sets';
import { resolveSettings, type SchoolOverrides } from '../engine/resolve-settings';

// The school's choices as append-only versions (a change applies to transitions after it takes
// effect, never to decisions already taken) and the holiday calendar per year.

export type StoreResult = { ok: true; message: string } | { ok: false; status: 400 | 403; errors: string[] };

/** A settings save also says whom a change of rule set affects: before it is confirmed, and once saved. */
export type SettingsResult = (StoreResult & { impact?: undefined }) | { ok: true; message: string; impact: SwitchImpactRow[] } | { ok: false; status: 400; errors: string[]; impact: SwitchImpactRow[] };

export interface SettingsInput {
	ruleSetId: string;
	overrides: SchoolOverrides;
	/** 'YYYY-MM-DD' (Asia/Shanghai): today means at once; a later day means from its start. */
	effectiveFrom: string;
	note: string;
	/** Required when the rule set changes: the admin has seen whom the switch affects (`impact`). */
	confirmSwitch?: boolean;
}

/** Start of a Shanghai calendar day as an instant. */
const startOfDay = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** Keeps only values that differ from the rule set's defaults, so a version says what the school changed. */
function minimal(ruleSetId: string, overrides: SchoolOverrides): Record<string, Record<string, unknown>> {
	const ruleSet = getRuleSet(ruleSetId)!;
	const rules = ruleSet.rules as unknown as Record<string, { params: Record<string, { default: unknown }> }>;
	const out: Record<string, Record<string, unknown>> = {};
	for (const [checkId, values] of Object.entries(overrides)) {
		for (const [key, value] of Object.entries(values ?? {})) {
			if (rules[checkId]?.params[key]?.default === value) continue;
			(out[checkId] ??= {})[key] = value;
		}
	}
	return out;
}

export async function saveSettings(db: Kysely<Database>, actor: AuthUser, input: SettingsInput, options: { now?: Date } = {}): Promise<SettingsResult> {
	if (!canAdministerDevelopment(actor)) return { ok: false, status: 403, errors: ['只有组织部（党校）管理员可以修改发展党员规则设置'] };
	const ruleSet = getRuleSet(input.ruleSetId);
	if (!ruleSet) return { ok: false, status: 400, errors: ['请选择规则集'] };
	const resolved = resolveSettings(ruleSet, input.overrides);
	if (!resolved.ok) return { ok: false, status: 400, errors: resolved.errors };
	const now = options.now ?? new Date();
	const today = todayInShanghai(now);
	if (!isCalendarDate(input.effectiveFrom)) return { ok: false, status: 400, errors: ['请填写生效日期（YYYY-MM-DD）'] };
	if (input.effectiveFrom < today) return { ok: false, status: 400, errors: ['生效日期不能早于今天：设置只对以后办理的事项生效'] };
	const effectiveFrom = input.effectiveFrom === today ? now : startOfDay(input.effectiveFrom);
	const overrides = minimal(ruleSet.id, input.overrides);
	// A switch of rule set changes verdicts for people already in the pipeline: the admin sees whom
	// (judged on today's records) and confirms before it is saved, and sees the list again after.
	let impact: SwitchImpactRow[] | undefined;
	if (getRuleSet((await settingsVersionAt(db, effectiveFrom)).ruleSetId)?.id !== ruleSet.id) {
		impact = await switchImpact(db, await rulesInEffect(db, now), resolved.settings);
		if (!input.confirmSwitch) {
			const who = impact.length ? `将改变 ${impact.length} 名发展中人员下一步的办理结果（见下表）` : '不改变任何发展中人员下一步的办理结果';
			return { ok: false, status: 400, errors: [`切换规则集${who}；请查看后勾选「确认切换规则集」再保存`], impact };
		}
	}
	const saved = await db.transaction().execute(async (trx): Promise<StoreResult> => {
		const before = await settingsVersionAt(trx, effectiveFrom);
		if (before.ruleSetId === ruleSet.id && JSON.stringify(before.overrides) === JSON.stringify(overrides) && effectiveFrom === now) {
			return { ok: true, message: '设置没有变化' };
		}
		const row = await trx
			.insertInto('developmentSettings')
			.values({ ruleSetId: ruleSet.id, overrides, effectiveFrom, note: input.note.trim().slice(0, 500), createdBy: actor.id })
			.returning('id')
			.executeTakeFirstOrThrow();
		await appendAudit(trx, {
			actorId: actor.id,
			action: 'development.settings',
			entityType: 'development_settings',
			entityId: row.id,
			before: { versionId: before.id || null, ruleSetId: before.ruleSetId, overrides: before.overrides },
			after: { ruleSetId: ruleSet.id, overrides, effectiveFrom: effectiveFrom.toISOString(), note: input.note.trim() }
		});
		return { ok: true, message: effectiveFrom === now ? '设置已保存，立即生效（只影响此后办理的事项）' : `设置已保存，自 ${input.effectiveFrom} 起生效` };
	});
	return saved.ok && impact ? { ...saved, impact } : saved;
}

/** Replaces one year of the holiday calendar with JSON an admin pasted; refused unless it validates. */
export async function saveCalendarYear(db: Kysely<Database>, actor: AuthUser, year: number, text: string): Promise<StoreResult> {
	if (!canAdministerDevelopment(actor)) return { ok: false, status: 403, errors: ['只有组织部（党校）管理员可以维护工作日历'] };
	if (!Number.isInteger(year) || year < 2000 || year > 2100) return { ok: false, status: 400, errors: ['年份应在 2000–2100 之间'] };
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (e) {
		return { ok: false, status: 400, errors: [`JSON 格式有误：${(e as Error).message}`] };
	}
	// A bare number or string would get the schema's English messages: say what is expected instead.
	if (!data || typeof data !== 'object' || Array.isArray(data)) return { ok: false, status: 400, errors: ['工作日历应为一个 JSON 对象（含 year、source、periods，见示例）'] };
	const errors = validateCalendarData([data]);
	if (errors.length) return { ok: false, status: 400, errors };
	if ((data as { year: number }).year !== year) return { ok: false, status: 400, errors: [`数据中的年份（${(data as { year: number }).year}）与所选年份（${year}）不一致`] };
	return db.transaction().execute(async (trx): Promise<StoreResult> => {
		const before = await trx.selectFrom('developmentCalendar').select('data').where('year', '=', year).executeTakeFirst();
		await trx
			.insertInto('developmentCalendar')
			.values({ year, data: data as object, updatedBy: actor.id })
			.onConflict((oc) => oc.column('year').doUpdateSet({ data: data as object, updatedBy: actor.id, updatedAt: new Date() }))
			.execute();
		await appendAudit(trx, { actorId: actor.id, action: 'development.calendar', entityType: 'development_calendar', entityId: year, before: before?.data ?? null, after: data });
		return { ok: true, message: `${year}年工作日历已保存` };
	});
}

export async function deleteCalendarYear(db: Kysely<Database>, actor: AuthUser, year: number): Promise<StoreResult> {
	if (!canAdministerDevelopment(actor)) return { ok: false, status: 403, errors: ['只有组织部（党校）管理员可以维护工作日历'] };
	if (!Number.isInteger(year) || year < 2000 || year > 2100) return { ok: false, status: 400, errors: ['年份应在 2000–2100 之间'] };
	return db.transaction().execute(async (trx): Promise<StoreResult> => {
		const before = await trx.deleteFrom('developmentCalendar').where('year', '=', year).returning('data').executeTakeFirst();
		if (!before) return { ok: false, status: 400, errors: [`没有${year}年的工作日历`] };
		await appendAudit(trx, { actorId: actor.id, action: 'development.calendar_delete', entityType: 'development_calendar', entityId: year, before: before.data });
		return { ok: true, message: `已删除${year}年工作日历：涉及该年的工作日计算将提示"工作日历缺失"` };
	});
}
