import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../../auth/session';
import { fileReadDecision } from '../../files/access';
import { saveFile } from '../../files/store';
import { once } from '../../http/idempotency';
import { IDEMPOTENCY_FIELD, newIdempotencyKey } from '$lib/forms/idempotency-key';
import { addDays } from '../engine/dates';
import { loadDossier } from '../records/load';
import { acceptSubmission, returnSubmission, submit } from './actions';
import { dueFor, pendingForBranch } from './lists';
import { insertPerson, personWithHistory, seededTestDatabase, type SeededTest } from '../../../../test-support/development-db';

// Submissions online: who may hand in what, and that only the branch's acceptance writes the
// dated entry the engine reads — once, with its audit entry, and nothing at all on bad input.

const now = new Date('2026-11-20T04:00:00Z');
const today = '2026-11-20';
let { t, s } = {} as SeededTest;

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
});
afterAll(() => t.close());

const asUser = (p: { id: number; username: string; name: string }, orgUnitId: number, orgPath: string, politicalStatus: AuthUser['politicalStatus'] = 'activist'): AuthUser => ({
	id: p.id, username: p.username, name: p.name, orgUnitId, orgPath, orgName: '', politicalStatus, mustChangePassword: false, roles: []
});

async function activistWithMentor(assignedOn = addDays(today, -100), endedOn: string | null = null) {
	const p = await personWithHistory(t.db, s, s.csBranch.id, { stage: 'activist', since: addDays(today, -200), today }, { status: 'activist' });
	const m = await insertPerson(t.db, { orgUnitId: s.csBranch.id, status: 'member' });
	await t.db.insertInto('developmentSupporter').values({ personId: p.id, role: 'mentor', supporterId: m.id, name: m.name, assignedOn, endedOn }).execute();
	// This quarter's report is the one under test: the generated history's own goes.
	await t.db.deleteFrom('developmentEntry').where('personId', '=', p.id).where('kind', '=', 'thought_report').where('occurredOn', '>=', '2026-10-01').execute();
	return { person: asUser(p, s.csBranch.id, s.csBranch.path), mentor: asUser(m, s.csBranch.id, s.csBranch.path, 'member') };
}

const dossierOf = async (id: number, at = now) => (await loadDossier(t.db, id, at))!.dossier;
const report = { kind: 'thought_report', body: '本季度我认真学习了党的二十大报告，对照党员标准查找了差距。' };
const counts = async (personId: number) => ({
	submissions: (await t.db.selectFrom('developmentSubmission').select('id').where('personId', '=', personId).execute()).length,
	entries: (await t.db.selectFrom('developmentEntry').select('id').where('personId', '=', personId).execute()).length,
	audit: (await t.db.selectFrom('auditLog').select('id').where('entityType', '=', 'person').where('entityId', '=', String(personId)).execute()).length
});

describe('an activist\'s 思想汇报', () => {
	it('is due, handed in, listed for the branch, and becomes a thought report dated by the acceptance', async () => {
		const { person } = await activistWithMentor();
		expect((await dueFor(t.db, person, { now })).map((d) => d.text)).toContain('本季度思想汇报未交');
		const before = (await dossierOf(person.id)).thoughtReports.length;
		const r = await submit(t.db, person, person.id, report, { now });
		expect(r).toMatchObject({ ok: true, message: '已提交2026年第4季度思想汇报，等待党支部受理' });
		expect((await dueFor(t.db, person, { now })).map((d) => d.text)).not.toContain('本季度思想汇报未交');
		const again = await submit(t.db, person, person.id, report, { now });
		expect(again).toEqual({ ok: false, status: 400, errors: ['2026年第4季度思想汇报已提交（待支部受理），不能重复提交'] });

		expect((await dueFor(t.db, s.users.secretary, { now })).map((d) => d.text)).toContainEqual(expect.stringMatching(/^待受理材料：\d+ 件$/));
		expect((await dueFor(t.db, s.users.secretary2, { now })).map((d) => d.text)).not.toContainEqual(expect.stringMatching(/^待受理材料/));
		const pending = await pendingForBranch(t.db, s.users.secretary);
		expect(pending.rows.map((x) => x.personId)).toContain(person.id);
		expect((await pendingForBranch(t.db, s.users.secretary2)).rows.map((x) => x.personId)).not.toContain(person.id);

		const accepted = await acceptSubmission(t.db, s.users.secretary, r.ok ? r.id : 0, { now: new Date('2026-11-25T04:00:00Z') });
		expect(accepted).toMatchObject({ ok: true });
		const dossier = await dossierOf(person.id, new Date('2026-11-25T04:00:00Z'));
		expect(dossier.thoughtReports.length).toBe(before + 1);
		expect(dossier.thoughtReports).toContain('2026-11-25');
		const row = await t.db.selectFrom('developmentSubmission').selectAll().where('id', '=', r.ok ? r.id : 0).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ status: 'accepted', decidedBy: s.users.secretary.id });
		expect(row.entryId).not.toBeNull();
		const audit = await t.db.selectFrom('auditLog').select('action').where('entityId', '=', String(person.id)).where('action', 'like', 'development.submission%').execute();
		expect(audit.map((a) => a.action).sort()).toEqual(['development.submission', 'development.submission_accept']);
		// Accepting twice (a retry, a second secretary) writes nothing more.
		const c = await counts(person.id);
		expect(await acceptSubmission(t.db, s.users.organizer, row.id, { now })).toEqual({ ok: false, status: 400, errors: ['该材料已受理，不能再处理'] });
		expect(await counts(person.id)).toEqual(c);
	});

	it('is refused for someone else, and bad input changes nothing', async () => {
		const { person } = await activistWithMentor();
		const other = await activistWithMentor();
		const c = await counts(person.id);
		expect(await submit(t.db, other.person, person.id, report, { now })).toEqual({ ok: false, status: 403, errors: ['只能提交本人的思想汇报'] });
		// Someone else's form, even empty, is refused as someone else's (the authorization matrix posts them).
		expect(await submit(t.db, s.users.secretary2, s.users.secretary2.id, { kind: 'thought_report', body: '' }, { now })).toMatchObject({ ok: false, status: 403 });
		// Not even an administrator hands in another's report.
		expect(await submit(t.db, s.users.admin, person.id, report, { now })).toMatchObject({ ok: false, status: 403 });
		expect(await submit(t.db, person, person.id, { kind: 'thought_report', body: '' }, { now })).toEqual({ ok: false, status: 400, errors: ['请填写思想汇报的内容，或上传扫描件'] });
		expect(await submit(t.db, person, person.id, { kind: 'thought_report', body: '太短' }, { now })).toMatchObject({ ok: false, status: 400 });
		expect(await submit(t.db, person, person.id, { kind: 'poem', body: report.body }, { now })).toEqual({ ok: false, status: 400, errors: ['请选择要提交的材料'] });
		// A full member has no 思想汇报 to hand in here: their own post of the form is refused too.
		expect(await submit(t.db, s.users.secretary, s.users.secretary.id, report, { now })).toEqual({ ok: false, status: 403, errors: ['您当前不在需要提交思想汇报的阶段'] });
		expect(await submit(t.db, person, person.id, { ...report, attachmentId: '00000000-0000-4000-8000-000000000000' }, { now })).toEqual({ ok: false, status: 400, errors: ['附件不存在，请重新上传'] });
		expect(await counts(person.id)).toEqual(c);
	});

	it('may be returned with a reason, then handed in again', async () => {
		const { person } = await activistWithMentor();
		const r = await submit(t.db, person, person.id, report, { now });
		const id = r.ok ? r.id : 0;
		expect(await returnSubmission(t.db, s.users.secretary, id, '', { now })).toEqual({ ok: false, status: 400, errors: ['退回原因至少 2 个字'] });
		expect(await returnSubmission(t.db, s.users.secretary, id, '请结合本季度学习写具体体会', { now })).toMatchObject({ ok: true });
		expect((await t.db.selectFrom('developmentSubmission').select(['status', 'returnReason', 'entryId']).where('id', '=', id).executeTakeFirstOrThrow())).toEqual({ status: 'returned', returnReason: '请结合本季度学习写具体体会', entryId: null });
		expect(await acceptSubmission(t.db, s.users.secretary, id, { now })).toMatchObject({ ok: false, status: 400 });
		expect(await submit(t.db, person, person.id, report, { now })).toMatchObject({ ok: true });
	});

	it('is accepted only by the branch over the person', async () => {
		const { person } = await activistWithMentor();
		const r = await submit(t.db, person, person.id, report, { now });
		const id = r.ok ? r.id : 0;
		const c = await counts(person.id);
		expect(await acceptSubmission(t.db, s.users.otherSecretary, id, { now })).toEqual({ ok: false, status: 403, errors: ['您无权受理该同志的材料'] });
		expect(await acceptSubmission(t.db, s.users.secretary2, id, { now })).toMatchObject({ ok: false, status: 403 });
		expect(await returnSubmission(t.db, s.users.secretary2, id, '不符合要求', { now })).toMatchObject({ ok: false, status: 403 });
		expect(await returnSubmission(t.db, s.users.secretary2, id, '', { now })).toMatchObject({ ok: false, status: 403 });
		expect(await acceptSubmission(t.db, person, id, { now })).toMatchObject({ ok: false, status: 403 });
		expect(await acceptSubmission(t.db, s.users.secretary, 999999, { now })).toEqual({ ok: false, status: 404, errors: ['未找到该材料'] });
		expect(await counts(person.id)).toEqual(c);
	});
});

describe('a mentor\'s 考察意见 and 半年考察', () => {
	it('are due for each mentee, and accepted as the opinion and evaluation the checks read', async () => {
		const { person, mentor } = await activistWithMentor();
		const due = (await dueFor(t.db, mentor, { now })).map((d) => d.text);
		expect(due).toEqual([`待填写考察意见：${person.name}`, `待填写半年考察：${person.name}`]);
		const opinion = await submit(t.db, mentor, person.id, { kind: 'mentor_opinion', body: '该同志入党动机端正，学习认真，建议列为发展对象。' }, { now });
		const evaluation = await submit(t.db, mentor, person.id, { kind: 'evaluation', body: '半年来思想稳定，积极参加支部活动，表现良好。' }, { now });
		expect(opinion).toMatchObject({ ok: true, message: '已提交2026年下半年培养考察意见，等待党支部受理' });
		expect(evaluation).toMatchObject({ ok: true });
		expect(await dueFor(t.db, mentor, { now })).toEqual([]);
		expect(await acceptSubmission(t.db, s.users.secretary, opinion.ok ? opinion.id : 0, { now })).toMatchObject({ ok: true });
		expect(await acceptSubmission(t.db, s.users.secretary, evaluation.ok ? evaluation.id : 0, { now })).toMatchObject({ ok: true });
		const d = await dossierOf(person.id);
		expect(d.evaluations).toContain(today);
		expect(d.opinions).toContainEqual(expect.objectContaining({ source: 'mentors', gatheredOn: today }));
	});

	it('are refused to an ex-mentor, to a mentor whose assignment ends today, and to another activist', async () => {
		const ended = await activistWithMentor(addDays(today, -300), addDays(today, -10));
		const endsToday = await activistWithMentor(addDays(today, -300), today);
		const future = await activistWithMentor(addDays(today, 5));
		const stranger = await activistWithMentor();
		const body = { kind: 'evaluation', body: '半年来思想稳定，积极参加支部活动，表现良好。' };
		for (const { person, mentor } of [ended, endsToday, future]) {
			const c = await counts(person.id);
			expect(await submit(t.db, mentor, person.id, body, { now })).toEqual({ ok: false, status: 403, errors: [`您不是${person.name}的现任培养联系人，不能填写半年考察`] });
			expect(await dueFor(t.db, mentor, { now })).toEqual([]);
			expect(await counts(person.id)).toEqual(c);
		}
		expect(await submit(t.db, stranger.person, ended.person.id, body, { now })).toMatchObject({ ok: false, status: 403 });
		// The branch secretary is not the mentor: the branch accepts, it does not write the mentor's evaluation.
		expect(await submit(t.db, s.users.secretary, ended.person.id, body, { now })).toMatchObject({ ok: false, status: 403 });
	});
});

describe('an applicant\'s 入党申请书', () => {
	it('is handed in by someone without a record and opens it, dated by the acceptance', async () => {
		const p = await insertPerson(t.db, { orgUnitId: s.csBranch.id, status: 'league_member' });
		const me = asUser(p, s.csBranch.id, s.csBranch.path, 'league_member');
		const r = await submit(t.db, me, p.id, { kind: 'application', body: '敬爱的党组织：我志愿加入中国共产党，拥护党的纲领……' }, { now });
		expect(r).toMatchObject({ ok: true, message: '已提交入党申请书，等待党支部受理' });
		expect(await submit(t.db, me, p.id, { kind: 'application', body: '敬爱的党组织：我志愿加入中国共产党，拥护党的纲领……' }, { now })).toMatchObject({ ok: false, status: 400 });
		const accepted = await acceptSubmission(t.db, s.users.secretary, r.ok ? r.id : 0, { now });
		expect(accepted).toMatchObject({ ok: true });
		const d = await dossierOf(p.id);
		expect(d.application).toEqual({ submittedOn: today });
		const record = await t.db.selectFrom('developmentRecord').select('stage').where('personId', '=', p.id).executeTakeFirstOrThrow();
		expect(record.stage).toBe('applicant');
		expect(await submit(t.db, me, p.id, { kind: 'application', body: '敬爱的党组织：我志愿加入中国共产党，拥护党的纲领……' }, { now })).toEqual({ ok: false, status: 400, errors: ['您已有入党申请记录，无需重复递交入党申请书'] });
	});
});

describe('one click, one effect', () => {
	it('the same rendered form posted twice hands in once', async () => {
		const { person } = await activistWithMentor();
		const form = new FormData();
		form.set(IDEMPOTENCY_FIELD, newIdempotencyKey());
		const post = () => once(t.db, form, { personId: person.id, action: 'development.submission' }, (trx) => submit(trx, person, person.id, report, { now }));
		const [a, b] = await Promise.all([post(), post()]);
		expect(a).toMatchObject({ ok: true });
		expect(b).toEqual(a);
		expect((await counts(person.id)).submissions).toBe(1);
	});

	it('two acceptances at once write one entry', async () => {
		const { person } = await activistWithMentor();
		const r = await submit(t.db, person, person.id, report, { now });
		const id = r.ok ? r.id : 0;
		const before = await counts(person.id);
		const answers = await Promise.all([acceptSubmission(t.db, s.users.secretary, id, { now }), acceptSubmission(t.db, s.users.organizer, id, { now })]);
		expect(answers.filter((x) => x.ok)).toHaveLength(1);
		expect(answers.find((x) => !x.ok)).toEqual({ ok: false, status: 400, errors: ['该材料已受理，不能再处理'] });
		expect((await counts(person.id)).entries).toBe(before.entries + 1);
	});
});

describe('a scan handed in', () => {
	it('is read by the person, their mentor and their branch before it is accepted, and by nobody else', async () => {
		const { person, mentor } = await activistWithMentor();
		const saved = await saveFile(t.db, { name: '思想汇报.pdf', bytes: new TextEncoder().encode(`%PDF-1.4\n% ${person.id}\n%%EOF\n`), courseId: null, actorId: person.id });
		if (!saved.ok) throw new Error(saved.message);
		expect(await submit(t.db, person, person.id, { kind: 'thought_report', body: '', attachmentId: saved.id }, { now })).toMatchObject({ ok: true });
		for (const reader of [person, mentor, s.users.secretary]) expect(await fileReadDecision(t.db, reader, saved.id)).toMatchObject({ ok: true });
		for (const stranger of [s.users.secretary2, s.users.otherSecretary]) expect(await fileReadDecision(t.db, stranger, saved.id)).toEqual({ ok: false, status: 403 });
	});
});
