import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test-support/db';
import type { OpenDatabase } from '../../db/engine';
import { seedDemo } from '../../demo/seed';
import { verifyAuditChain } from '../../audit/log';
import { DEMO_CATCH_UP_COHORT, demoDevelopmentAccounts as accounts, seedDemoDevelopment } from './demo';
import { issueCertificates } from '../../certificates/issue';
import { performTransition } from '../transitions/perform';
import { recordEntry } from '../records/entries';
import { rulesInEffect } from '../settings/rules-in-effect';
import { assessPeople, dueRows, pipelinePeople } from '../reports/board';

// The demo histories must agree with the rules: otherwise the board and the e2e test lie.

let t: OpenDatabase;
beforeAll(async () => {
	t = await testDatabase();
	await seedDemo(t.db);
	expect(await seedDemoDevelopment(t.db)).toBe(true);
}, 120_000);
afterAll(() => t.close());

describe('seedDemoDevelopment', () => {
	it('gives everyone in the pipeline a record matching their 政治面貌, once', async () => {
		const mismatched = await t.db
			.selectFrom('developmentRecord as r')
			.innerJoin('person as p', 'p.id', 'r.personId')
			.select(['p.username', 'p.politicalStatus', 'r.stage'])
			.whereRef('p.politicalStatus', '!=', 'r.stage')
			.execute();
		expect(mismatched).toEqual([]);
		expect(await seedDemoDevelopment(t.db)).toBe(false);
		expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
	});

	it('sets up the people the e2e test acts on', async () => {
		const school = await t.db.selectFrom('orgUnit').select('path').where('parentId', 'is', null).executeTakeFirstOrThrow();
		const rules = await rulesInEffect(t.db);
		const all = await assessPeople(t.db, await pipelinePeople(t.db, [school.path]), rules);
		const by = (u: string) => all.find((p) => p.username === u)!;
		for (const { username } of accounts.untrainedActivists) {
			expect(by(username).blockers.map((b) => b.checkId), username).toEqual(['activist-training']);
		}
		for (const { username } of [...accounts.candidatesForCommittee, ...accounts.candidatesUnderGeneralBranch]) {
			expect(by(username), username).toMatchObject({ stage: 'candidate', standing: 'ready', blockers: [] });
		}
		for (const { username } of accounts.candidatesAwaitingMeeting) {
			expect(by(username), username).toMatchObject({ stage: 'candidate' });
			expect(by(username).blockers.map((b) => b.checkId), username).toContain('vote');
			expect(by(username).blockers.map((b) => b.checkId), username).not.toContain('admission-form');
		}
		// Something to show on every list.
		expect(new Set(all.map((p) => p.standing))).toEqual(new Set(['ready', 'todo', 'done']));
		expect(all.filter((p) => p.eligibleOn).length).toBeGreaterThan(3);
		expect(dueRows(all).length).toBeGreaterThan(3);
	});

	it('lets the e2e flow through: certificate from the catch-up class, decision, filing, transition', async () => {
		const cohort = await t.db.selectFrom('cohort').select('id').where('name', '=', DEMO_CATCH_UP_COHORT).executeTakeFirstOrThrow();
		const person = await t.db.selectFrom('person').select('id').where('username', '=', accounts.untrainedActivists[0].username).executeTakeFirstOrThrow();
		const issued = await issueCertificates(t.db, { cohortId: cohort.id, personIds: [person.id], actorId: null, origin: 'http://localhost' });
		expect(issued.issued).toHaveLength(1);
		const user = async (username: string) => {
			const p = await t.db.selectFrom('person as p').innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId').select(['p.id', 'p.name', 'p.orgUnitId', 'o.path', 'o.name as orgName']).where('username', '=', username).executeTakeFirstOrThrow();
			const roles = await t.db.selectFrom('roleAssignment as r').innerJoin('orgUnit as o', 'o.id', 'r.orgUnitId').select(['r.role', 'r.orgUnitId', 'o.path as orgPath', 'o.name as orgName', 'o.kind as orgKind']).where('r.personId', '=', p.id).execute();
			return { id: p.id, username, name: p.name, orgUnitId: p.orgUnitId, orgPath: p.path, orgName: p.orgName, politicalStatus: 'member' as const, mustChangePassword: false, roles };
		};
		const today = (await rulesInEffect(t.db)).today;
		expect(await recordEntry(t.db, await user('secretary'), person.id, { kind: 'decision', occurredOn: today, details: { stage: 'candidate', body: 'branch_committee' } })).toMatchObject({ ok: true });
		expect(await recordEntry(t.db, await user('organizer'), person.id, { kind: 'filing', occurredOn: today, details: { stage: 'candidate' } })).toMatchObject({ ok: true });
		expect(await performTransition(t.db, await user('secretary'), person.id, { transition: 'to_candidate' })).toMatchObject({ ok: true, stage: 'candidate' });
	});
});
