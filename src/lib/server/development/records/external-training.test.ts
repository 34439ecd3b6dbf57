import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../audit/log';
import { saveFile } from '../../files/store';
import { addDays } from '../engine/dates';
import { recordEntry } from './entries';
import { confirmExternalTraining } from './external-training';
import { rulesInEffect } from '../settings/rules-in-effect';
import { loadDossier } from './load';
import { evaluateFor } from '../standing';
import { performTransition } from '../transitions/perform';
import * as migration from '../../../../../migrations/20261202210401_external_training_confirmation';
import { personWithHistory, seededTestDatabase, type School, type SeededTest } from '../../../../test-support/development-db';

// 第十七条 training from another party school counts only once a committee-level role has
// recorded or confirmed it, with the issuing party school and a scan of the certificate.

const now = new Date('2026-11-20T04:00:00Z');
const today = '2026-11-20';
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

/** A candidate ready for admission (meeting 20 days ago) but for the party school's training. */
async function untrainedCandidate(orgUnitId = s.csBranch.id) {
	const p = await personWithHistory(t.db, s, orgUnitId, { stage: 'candidate', since: addDays(today, -130), today });
	await t.db.deleteFrom('certificate').where('personId', '=', p.id).where('courseCategory', '=', 'candidate_training').execute();
	return p;
}

async function scan(actorId: number) {
	const saved = await saveFile(t.db, { name: '外校结业证书.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n'), courseId: null, actorId });
	if (!saved.ok) throw new Error(saved.message);
	return saved.id;
}

const externalDetails = { trainingKind: 'candidate', serial: 'WX-2026-07', issuer: '某大学党委党校', days: 3 };
const record = async (actor: School['users'][keyof School['users']], personId: number, attachmentId: string | null) =>
	recordEntry(t.db, actor, personId, { kind: 'external_training', occurredOn: addDays(today, -40), details: externalDetails, attachmentId }, { now });

const approve = (personId: number) => performTransition(t.db, s.users.organizer, personId, { transition: 'to_probationary', on: today }, { now });

describe('external 第十七条 training recorded by the branch', () => {
	it('does not count until the committee confirms it, and is shown as 待党委确认', async () => {
		const p = await untrainedCandidate();
		const recorded = await record(s.users.secretary, p.id, await scan(s.users.secretary.id));
		expect(recorded).toMatchObject({ ok: true, message: expect.stringContaining('待党委确认') });

		const refused = await approve(p.id);
		expect(refused).toMatchObject({ ok: false, status: 400 });
		if (refused.ok) return;
		const reason = refused.reasons.find((r) => r.includes('发展对象集中培训'));
		expect(reason).toContain('外校培训证书 WX-2026-07（某大学党委党校）待党委确认，确认前不计入');
		expect((await t.db.selectFrom('developmentRecord').select('stage').where('personId', '=', p.id).executeTakeFirstOrThrow()).stage).toBe('candidate');

		// The branch cannot confirm its own entry, nor can a general branch; the college committee can.
		const entry = recorded.ok ? recorded.id : 0;
		expect(await confirmExternalTraining(t.db, s.users.secretary, p.id, entry)).toMatchObject({ ok: false, status: 403 });
		const confirmed = await confirmExternalTraining(t.db, s.users.organizer, p.id, entry);
		expect(confirmed).toMatchObject({ ok: true, message: expect.stringContaining('已确认') });
		const row = await t.db.selectFrom('developmentEntry').select(['confirmedBy', 'confirmedAt']).where('id', '=', entry).executeTakeFirstOrThrow();
		expect(row.confirmedBy).toBe(s.users.organizer.id);
		const audit = await t.db.selectFrom('auditLog').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
		expect(audit).toMatchObject({ action: 'development.entry_confirm', entityType: 'person', entityId: String(p.id), actorId: s.users.organizer.id });
		// Confirming again changes nothing and says so.
		expect(await confirmExternalTraining(t.db, s.users.organizer, p.id, entry)).toMatchObject({ ok: true });
		expect(await t.db.selectFrom('auditLog').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).toEqual({ id: audit.id });

		expect(await approve(p.id)).toMatchObject({ ok: true, stage: 'probationary' });
		expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
	});

	it('refuses confirmation by a general branch, which has no authority over admissions', async () => {
		const p = await untrainedCandidate(s.medBranch.id);
		const recorded = await record(s.users.secretary2, p.id, await scan(s.users.secretary2.id));
		if (!recorded.ok) throw new Error(recorded.errors.join());
		const r = await confirmExternalTraining(t.db, s.users.medOrganizer, p.id, recorded.id);
		expect(r).toMatchObject({ ok: false, status: 403 });
		expect((await t.db.selectFrom('developmentEntry').select('confirmedAt').where('id', '=', recorded.id).executeTakeFirstOrThrow()).confirmedAt).toBeNull();
	});

	it('counts at once when the committee records it itself', async () => {
		const p = await untrainedCandidate();
		expect(await record(s.users.organizer, p.id, await scan(s.users.organizer.id))).toMatchObject({ ok: true, message: expect.stringContaining('已确认') });
		const rules = await rulesInEffect(t.db, now);
		const loaded = (await loadDossier(t.db, p.id, now))!;
		const check = evaluateFor(loaded, 'to_probationary', rules).results.find((r) => r.checkId === 'candidate-training');
		expect(check).toMatchObject({ status: 'pass', reason: expect.stringContaining('外校（某大学党委党校）颁发，经党委确认') });
	});

	it('refuses an external certificate without its scan or without the issuing party school, writing nothing', async () => {
		const p = await untrainedCandidate();
		const before = await t.db.selectFrom('developmentEntry').select((eb) => eb.fn.countAll<number>().as('n')).where('personId', '=', p.id).executeTakeFirstOrThrow();
		expect(await record(s.users.organizer, p.id, null)).toMatchObject({ ok: false, status: 400, errors: ['请上传外校结业证书的扫描件'] });
		const noIssuer = await recordEntry(t.db, s.users.organizer, p.id, { kind: 'external_training', occurredOn: addDays(today, -40), details: { ...externalDetails, issuer: ' ' }, attachmentId: await scan(s.users.organizer.id) }, { now });
		expect(noIssuer).toMatchObject({ ok: false, status: 400, errors: ['请填写颁发证书的党校名称'] });
		const after = await t.db.selectFrom('developmentEntry').select((eb) => eb.fn.countAll<number>().as('n')).where('personId', '=', p.id).executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
	});

	it('refuses to confirm an entry that is not external training, or belongs to someone else', async () => {
		const p = await untrainedCandidate();
		const other = await untrainedCandidate();
		const recorded = await record(s.users.secretary, p.id, await scan(s.users.secretary.id));
		if (!recorded.ok) throw new Error(recorded.errors.join());
		expect(await confirmExternalTraining(t.db, s.users.organizer, other.id, recorded.id)).toMatchObject({ ok: false, status: 404 });
		const talk = await t.db.selectFrom('developmentEntry').select('id').where('personId', '=', p.id).where('kind', '=', 'talk').executeTakeFirstOrThrow();
		expect(await confirmExternalTraining(t.db, s.users.organizer, p.id, talk.id)).toMatchObject({ ok: false, status: 404 });
	});
});

describe('migration 20261202210401_external_training_confirmation', () => {
	it('goes down and up again, keeping entries and refusing a confirmation without its confirmer', async () => {
		const before = await t.db.selectFrom('developmentEntry').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		await t.db.transaction().execute(async (trx) => {
			await migration.down(trx);
			await migration.up(trx);
		});
		const after = await t.db.selectFrom('developmentEntry').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
		const any = await t.db.selectFrom('developmentEntry').select('id').limit(1).executeTakeFirstOrThrow();
		await expect(t.db.updateTable('developmentEntry').set({ confirmedAt: new Date() }).where('id', '=', any.id).execute()).rejects.toThrow();
	});
});
