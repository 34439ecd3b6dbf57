import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { verifyAuditChain } from '../audit/log';
import { transact } from '../db/transact';
import { addDays, addMonths } from '../development/engine/dates';
import { decidedOn } from '../development/engine/dossier-lookups';
import { rulesInEffect } from '../development/settings/rules-in-effect';
import { loadDossier } from '../development/records/load';
import { evaluateFor } from '../development/standing';
import { seededTestDatabase, personWithHistory, type SeededTest } from '../../../test-support/development-db';
import { disciplineInput, recordDiscipline, underDisciplinaryProbationOn, underDisciplinaryProbationSql, voidDiscipline, type DisciplineInput } from './discipline';

// 处分 are recorded at committee level only, audited, and the development engine reads 留党察看
// from them on the day of the decision: a sponsor under it makes the sponsor check fail.

const now = new Date('2026-11-20T04:00:00Z');
const today = '2026-11-20';
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

const csMember = (i: number) => ({ id: s.members[i].id, orgPath: s.csBranch.path });
const probation = (startsOn: string, endsOn: string): DisciplineInput => ({
	kind: 'probation',
	startsOn,
	endsOn,
	decidedBy: '计算机学院党委',
	documentNo: '计党纪〔2026〕1号',
	reason: '违反组织纪律'
});
const disciplineRows = (personId: number) => t.db.selectFrom('personDiscipline').selectAll().where('personId', '=', personId).execute();
const auditCount = async () => Number((await t.db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function sponsorCheck(personId: number) {
	const rules = await rulesInEffect(t.db, now);
	const loaded = (await loadDossier(t.db, personId, now))!;
	return { check: evaluateFor(loaded, 'to_probationary', rules).results.find((r) => r.checkId === 'sponsors')!, meeting: decidedOn(loaded.dossier, 'to_probationary') ?? today };
}

describe('a sponsor under 留党察看', () => {
	it('makes the sponsor check fail when the probation covers the admitting meeting, and pass once the record is voided', async () => {
		// 张伟 (members[2]) sponsors every generated history; 王芳 (members[0]) too.
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'candidate', since: addDays(today, -130), today });
		const before = await sponsorCheck(p.id);
		expect(before.check.status).toBe('pass');
		const startsOn = addMonths(before.meeting, -6);
		const r = await transact(t.db, (trx) => recordDiscipline(trx, s.users.organizer, csMember(2), probation(startsOn, addMonths(startsOn, 12)), now));
		expect(r).toMatchObject({ ok: true, message: '已记录留党察看处分' });
		const after = await sponsorCheck(p.id);
		expect(after.check).toMatchObject({ status: 'fail', reason: expect.stringContaining('张伟 在') });
		expect(after.check.reason).toContain('正受留党察看处分');

		if (!r.ok) return;
		const voided = await transact(t.db, (trx) => voidDiscipline(trx, s.users.admin, csMember(2), r.id, '录入有误'));
		expect(voided).toMatchObject({ ok: true });
		expect((await sponsorCheck(p.id)).check.status).toBe('pass');
		const audit = await t.db.selectFrom('auditLog').select(['action', 'after']).where('entityId', '=', String(s.members[2].id)).orderBy('id').execute();
		expect(audit.map((a) => a.action)).toEqual(['person.discipline', 'person.discipline_void']);
		expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
	});

	it('does not count a probation that ended before the meeting', async () => {
		const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'candidate', since: addDays(today, -130), today });
		const { meeting } = await sponsorCheck(p.id);
		const r = await transact(t.db, (trx) => recordDiscipline(trx, s.users.organizer, csMember(0), probation(addMonths(meeting, -14), addDays(meeting, -1)), now));
		expect(r.ok).toBe(true);
		expect((await sponsorCheck(p.id)).check.status).toBe('pass');
	});
});

describe('who may record 处分', () => {
	it('refuses a branch secretary and an organizer of a general branch, writing nothing', async () => {
		const audits = await auditCount();
		const input = probation('2026-01-01', '2026-12-31');
		const bySecretary = await transact(t.db, (trx) => recordDiscipline(trx, s.users.secretary, csMember(1), input, now));
		expect(bySecretary).toEqual({ ok: false, status: 403, message: '只有党委一级可以记录处分' });
		const med = await t.db.insertInto('person').values({ username: 'd-med-1', name: '赵医', gender: 'male', orgUnitId: s.medBranch.id, politicalStatus: 'member' }).returning('id').executeTakeFirstOrThrow();
		const byGeneralBranch = await transact(t.db, (trx) => recordDiscipline(trx, s.users.medOrganizer, { id: med.id, orgPath: s.medBranch.path }, input, now));
		expect(byGeneralBranch).toMatchObject({ ok: false, status: 403 });
		// The school's committee may.
		expect(await transact(t.db, (trx) => recordDiscipline(trx, s.users.admin, { id: med.id, orgPath: s.medBranch.path }, input, now))).toMatchObject({ ok: true });
		expect(await disciplineRows(s.members[1].id)).toEqual([]);
		expect(await auditCount()).toBe(audits + 1);
	});

	it('refuses a secretary voiding a record', async () => {
		const med = await t.db.insertInto('person').values({ username: 'd-cs-2', name: '钱党', gender: 'male', orgUnitId: s.csBranch.id, politicalStatus: 'member' }).returning('id').executeTakeFirstOrThrow();
		const person = { id: med.id, orgPath: s.csBranch.path };
		const r = await transact(t.db, (trx) => recordDiscipline(trx, s.users.organizer, person, { ...probation('2026-01-01', '2026-12-31'), kind: 'warning', endsOn: null }, now));
		if (!r.ok) throw new Error(r.message);
		expect(await transact(t.db, (trx) => voidDiscipline(trx, s.users.secretary, person, r.id, '不该有'))).toMatchObject({ ok: false, status: 403 });
		expect((await disciplineRows(med.id))[0].voidedAt).toBeNull();
	});
});

describe('a 处分 as typed', () => {
	const parse = (v: Record<string, string>) => disciplineInput.safeParse({ decidedBy: '计算机学院党委', reason: '违纪', startsOn: '2026-01-01', ...v });
	const message = (v: Record<string, string>) => {
		const r = parse(v);
		return r.success ? null : r.error.issues[0].message;
	};

	it('asks 留党察看 for its end date, at most two years on, and no end date of the others', () => {
		expect(message({ kind: 'probation' })).toBe('请填写留党察看的截止日期（年-月-日）');
		expect(message({ kind: 'probation', endsOn: '2028-01-02' })).toBe('留党察看最长两年，截止日期不应晚于 2028-01-01');
		expect(message({ kind: 'probation', endsOn: '2025-12-31' })).toBe('察看期截止日期不能早于生效日期');
		expect(message({ kind: 'warning', endsOn: '2026-06-01' })).toBe('只有留党察看有察看期，其他处分不填截止日期');
		expect(message({ kind: 'demotion' })).toBe('请选择处分种类');
		expect(parse({ kind: 'probation', endsOn: '2027-12-31' }).success).toBe(true);
	});

	it('refuses a future start, an overlapping probation and 留党察看 of a 预备党员', async () => {
		const p = await t.db.insertInto('person').values({ username: 'd-cs-3', name: '孙党', gender: 'male', orgUnitId: s.csBranch.id, politicalStatus: 'member' }).returning('id').executeTakeFirstOrThrow();
		const person = { id: p.id, orgPath: s.csBranch.path };
		const rec = (input: DisciplineInput) => transact(t.db, (trx) => recordDiscipline(trx, s.users.organizer, person, input, now));
		expect(await rec(probation('2026-11-21', '2027-11-20'))).toEqual({ ok: false, status: 400, message: '处分生效日期不能晚于今天' });
		expect(await rec(probation('2026-01-01', '2026-12-31'))).toMatchObject({ ok: true });
		expect(await rec(probation('2026-06-01', '2027-05-31'))).toEqual({ ok: false, status: 400, message: '与已记录的留党察看（2026-01-01 至 2026-12-31）期间重叠' });
		await t.db.updateTable('person').set({ politicalStatus: 'probationary' }).where('id', '=', s.members[1].id).execute();
		expect(await transact(t.db, (trx) => recordDiscipline(trx, s.users.organizer, csMember(1), probation('2026-01-01', '2026-12-31'), now))).toMatchObject({ ok: false, status: 400 });
		await t.db.updateTable('person').set({ politicalStatus: 'member' }).where('id', '=', s.members[1].id).execute();
	});
});

describe('members with a vote', () => {
	it('underDisciplinaryProbationOn and its SQL fragment name those under 留党察看 on the day, voided records aside', async () => {
		const mk = (username: string) => t.db.insertInto('person').values({ username, name: username, gender: 'female', orgUnitId: s.csBranch.id, politicalStatus: 'member' }).returning('id').executeTakeFirstOrThrow();
		const [a, b, c] = [await mk('v-a'), await mk('v-b'), await mk('v-c')];
		const at = (id: number) => ({ id, orgPath: s.csBranch.path });
		await transact(t.db, (trx) => recordDiscipline(trx, s.users.organizer, at(a.id), probation('2026-03-01', '2026-09-30'), now));
		const wrong = await transact(t.db, (trx) => recordDiscipline(trx, s.users.organizer, at(b.id), probation('2026-03-01', '2026-09-30'), now));
		if (wrong.ok) await transact(t.db, (trx) => voidDiscipline(trx, s.users.organizer, at(b.id), wrong.id, '录错了人'));
		const ids = [a.id, b.id, c.id];
		expect([...(await underDisciplinaryProbationOn(t.db, ids, '2026-09-30'))]).toEqual([a.id]);
		expect([...(await underDisciplinaryProbationOn(t.db, ids, '2026-10-01'))]).toEqual([]);
		expect([...(await underDisciplinaryProbationOn(t.db, ids, '2026-02-28'))]).toEqual([]);
		const { rows } = await sql<{ id: number; under: boolean }>`
			select p.id, ${underDisciplinaryProbationSql(sql.ref('p.id'), '2026-05-01')} as under
			from person p where p.id = any(${sql.val(ids)}::int[]) order by p.id`.execute(t.db);
		expect(rows.map((r) => [r.id, r.under])).toEqual([[a.id, true], [b.id, false], [c.id, false]]);
	});
});
