import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuthUser } from '../../auth/session';
import { can } from '../../auth/authz';
import { appendAudit } from '../../audit/log';
import { transact } from '../../db/transact';
import { validateCollegeOverrides } from '../engine/college-rules';
import { collegeVersionsAt, rulesInEffect } from './rules-in-effect';
import { isCalendarDate, todayInShanghai } from '../engine/dates';
import { getRuleSet } from '../engine/rule-sets';
import type { StoreResult } from './save';

// A college committee's own, stricter rules for its units: append-only versions per org unit, each
// in effect from a day, like the school's. Checked against the school's settings in effect on that
// day; a later school tightening overtakes a college value on its own (college-rules.ts).

export interface CollegeSettingsInput {
	overrides: unknown;
	/** 'YYYY-MM-DD' (Asia/Shanghai): today means at once; a later day means from its start. */
	effectiveFrom: string;
	note: string;
}

const startOfDay = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** The unit a college version is for: a 党委 below the school's own (二级党委). */
async function collegeUnit(db: Kysely<Database>, orgUnitId: number) {
	if (!Number.isInteger(orgUnitId) || orgUnitId < 1) return undefined;
	return db.selectFrom('orgUnit').select(['id', 'path', 'kind', 'name']).where('id', '=', orgUnitId).executeTakeFirst();
}

export async function saveCollegeSettings(db: Kysely<Database>, actor: AuthUser, orgUnitId: number, input: CollegeSettingsInput, options: { now?: Date } = {}): Promise<StoreResult> {
	const unit = await collegeUnit(db, orgUnitId);
	if (!unit) return { ok: false, status: 400, errors: ['没有这个组织'] };
	if (!can(actor, 'development.college_settings', { orgPath: unit.path })) {
		return { ok: false, status: 403, errors: ['只有本学院党委的组织员或组织部（党校）管理员可以修改学院的发展党员规则'] };
	}
	if (unit.kind !== 'committee' || unit.path.split('/').filter(Boolean).length < 2) {
		return { ok: false, status: 400, errors: [`「${unit.name}」不是学院（二级）党委：学院规则只能由学院党委设置`] };
	}
	const now = options.now ?? new Date();
	if (!isCalendarDate(input.effectiveFrom)) return { ok: false, status: 400, errors: ['请填写生效日期（YYYY-MM-DD）'] };
	if (input.effectiveFrom < todayInShanghai(now)) return { ok: false, status: 400, errors: ['生效日期不能早于今天：设置只对以后办理的事项生效'] };
	const effectiveFrom = input.effectiveFrom === todayInShanghai(now) ? now : startOfDay(input.effectiveFrom);
	// Against the school's settings on the day the college's take effect.
	const school = await rulesInEffect(db, effectiveFrom);
	const ruleSet = getRuleSet(school.settings.ruleSetId)!;
	const { errors, accepted } = validateCollegeOverrides(ruleSet, school.settings, input.overrides);
	if (errors.length) return { ok: false, status: 400, errors };
	const note = input.note.trim().slice(0, 500);
	return transact(db, async (trx): Promise<StoreResult> => {
		const before = (await collegeVersionsAt(trx, effectiveFrom)).find((c) => c.orgUnitId === unit.id);
		// A form posted twice, or saved unchanged, adds no version.
		if (JSON.stringify(before?.overrides ?? {}) === JSON.stringify(accepted) && (before || Object.keys(accepted).length === 0)) return { ok: true, message: '设置没有变化' };
		const row = await trx
			.insertInto('developmentCollegeSettings')
			.values({ orgUnitId: unit.id, overrides: accepted, effectiveFrom, note, createdBy: actor.id })
			.returning('id')
			.executeTakeFirstOrThrow();
		await appendAudit(trx, {
			actorId: actor.id,
			action: 'development.college_settings',
			entityType: 'org_unit',
			entityId: unit.id,
			before: { versionId: before?.id ?? null, overrides: before?.overrides ?? {} },
			after: { versionId: row.id, overrides: accepted, effectiveFrom: effectiveFrom.toISOString(), note }
		});
		return { ok: true, message: effectiveFrom === now ? `${unit.name}的学院规则已保存，立即生效` : `${unit.name}的学院规则已保存，自 ${input.effectiveFrom} 起生效` };
	});
}
