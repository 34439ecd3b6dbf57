import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildCompletion } from '../../../test-support/completion';
import { issueCertificates } from '../certificates/issue';
import { revokeCertificate } from '../certificates/manage';
import { verifyAuditChain } from '../audit/log';
import { apiRequest, messages } from './handler';
import { apiTokenHash, createApiClient, revokeApiClient, TOKEN_PATTERN } from './tokens';

// The API over real HTTP: a node server hands each request to the same apiRequest the route
// calls. Two servers on one database play two instances (the rate limit must hold across them).
let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildCompletion>>;
let clock = new Date('2026-06-01T02:00:10Z');
const servers: { base: string; close: () => Promise<void> }[] = [];
let branchToken: string;
let schoolToken: string;

async function serve() {
	const server = createServer(async (req, res) => {
		const response = await apiRequest(t.db, new Request(`http://${req.headers.host}${req.url}`, { headers: req.headers as Record<string, string> }), clock);
		res.writeHead(response.status, Object.fromEntries(response.headers)).end(Buffer.from(await response.arrayBuffer()));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

beforeAll(async () => {
	t = await testDatabase();
	s = await buildCompletion(t.db);
	await issueCertificates(t.db, { cohortId: s.cohortId, actorId: s.users.admin.id, origin: 'http://school.example', now: new Date('2026-05-08T02:00:00Z') });
	for (const l of Object.values(s.learners))
		await t.db.insertInto('developmentRecord').values({ personId: l.id, stage: 'activist', stageSince: '2025-10-01' }).execute();
	branchToken = (await createApiClient(t.db, s.users.admin.id, { name: '学工系统', orgUnitIds: [s.units.csUg1.id], requestsPerMinute: 1000 })).token;
	schoolToken = (await createApiClient(t.db, s.users.admin.id, { name: '党员信息系统', orgUnitIds: [s.units.school.id], requestsPerMinute: 1000 })).token;
	servers.push(await serve(), await serve());
});
afterAll(async () => {
	for (const server of servers) await server.close();
	await t.close();
});

const get = (path: string, token?: string, instance = 0) =>
	fetch(servers[instance].base + path, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
const apiReads = async () => Number((await t.db.selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'api.read').executeTakeFirstOrThrow()).n);

describe('a token reads its units and nothing else', () => {
	it('reads a person of its unit, with hours, completion, certificate and stage', async () => {
		const res = await get(`/api/v1/people/${s.learners.a1.username}`, branchToken);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
		const body = await res.json();
		expect(body.trainingRecord.person).toEqual({ username: 'C2401001', name: '张一', orgUnit: '计算机本科第一支部' });
		expect(body.trainingRecord.cohorts).toHaveLength(1);
		expect(body.trainingRecord.cohorts[0].hours.total).toBeGreaterThan(0);
		expect(body.certificates).toHaveLength(1);
		expect(body.certificates[0]).toMatchObject({ status: 'valid', statusLabel: '有效', course: { code: 'ACT' } });
		expect(body.development).toMatchObject({ stage: 'activist', stageLabel: '入党积极分子', stageSince: '2025-10-01' });
	});

	it('refuses a person outside its units with 404 and a Chinese message, exactly as one who does not exist', async () => {
		const outside = await get(`/api/v1/people/${s.learners.m1.username}`, branchToken);
		expect(outside.status).toBe(404);
		expect(await outside.json()).toEqual({ error: messages.notFound });
		const nobody = await get('/api/v1/people/C9999999', branchToken);
		expect(nobody.status).toBe(404);
		expect(await nobody.json()).toEqual({ error: messages.notFound });
		// The school-wide token reads the same person.
		expect((await get(`/api/v1/people/${s.learners.m1.username}`, schoolToken)).status).toBe(200);
	});

	it('lists only the people of its units in every list, a filter on an outsider included', async () => {
		for (const list of ['training-records', 'certificates', 'development-stages']) {
			const body = await (await get(`/api/v1/${list}?limit=200`, branchToken)).json();
			const names = body.data.map((r: { person: { username: string } }) => r.person.username);
			expect(names.length, list).toBeGreaterThan(0);
			expect(names.every((u: string) => u.startsWith('C2401')), list).toBe(true);
			const filtered = await (await get(`/api/v1/${list}?person=${s.learners.m1.username}`, branchToken)).json();
			expect(filtered, list).toEqual({ data: [], nextCursor: null });
		}
	});

	it('shows a revoked certificate as revoked, with its reason', async () => {
		const cert = await t.db.selectFrom('certificate').select('id').where('personId', '=', s.learners.m1.id).executeTakeFirstOrThrow();
		await revokeCertificate(t.db, { certificateId: cert.id, actorId: s.users.admin.id, reason: '信息有误' });
		const body = await (await get(`/api/v1/certificates?person=${s.learners.m1.username}`, schoolToken)).json();
		expect(body.data).toHaveLength(1);
		expect(body.data[0]).toMatchObject({ status: 'revoked', statusLabel: '已撤销', revokeReason: '信息有误' });
		expect(body.data[0].revokedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
	});
});

describe('tokens', () => {
	it('refuses a missing, malformed or wrong token with 401 and a Chinese message, and audits none', async () => {
		const before = await apiReads();
		const missing = await get('/api/v1/certificates');
		expect(missing.status).toBe(401);
		expect(missing.headers.get('www-authenticate')).toContain('Bearer');
		expect(await missing.json()).toEqual({ error: messages.missing });
		const basic = await fetch(servers[0].base + '/api/v1/certificates', { headers: { authorization: 'Basic YWRtaW46eA==' } });
		expect(basic.status).toBe(401);
		const wrong = await get('/api/v1/certificates', 'dxapi_' + 'a'.repeat(40));
		expect(wrong.status).toBe(401);
		expect(await wrong.json()).toEqual({ error: messages.unknown });
		// One character changed: the hash matches nothing.
		expect((await get('/api/v1/certificates', branchToken.slice(0, -1) + 'x')).status).toBe(401);
		expect(await apiReads()).toBe(before);
	});

	it('refuses a revoked token at once', async () => {
		const { id, token } = await createApiClient(t.db, s.users.admin.id, { name: '旧系统', orgUnitIds: [s.units.cs.id], requestsPerMinute: 100 });
		expect((await get('/api/v1/development-stages', token)).status).toBe(200);
		expect(await revokeApiClient(t.db, s.users.admin.id, id)).toBe(true);
		const res = await get('/api/v1/development-stages', token, 1);
		expect(res.status).toBe(401);
		expect(await res.json()).toEqual({ error: messages.revoked });
		expect(await revokeApiClient(t.db, s.users.admin.id, id)).toBe(false);
	});

	it('stores only the token’s hash', async () => {
		const { id, token } = await createApiClient(t.db, s.users.admin.id, { name: '核对', orgUnitIds: [s.units.cs.id], requestsPerMinute: 100 });
		expect(token).toMatch(TOKEN_PATTERN);
		const row = await t.db.selectFrom('apiClient').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		expect(row.tokenHash).toBe(apiTokenHash(token));
		expect(JSON.stringify(row)).not.toContain(token);
		const audit = await t.db.selectFrom('auditLog').select(['after']).where('entityType', '=', 'api_client').where('entityId', '=', String(id)).execute();
		expect(JSON.stringify(audit)).not.toContain(token);
	});
});

describe('limits, pages and bad input', () => {
	it('answers 429 after the limit, counted across instances, and recovers the next minute', async () => {
		const { token } = await createApiClient(t.db, s.users.admin.id, { name: '限流', orgUnitIds: [s.units.cs.id], requestsPerMinute: 3 });
		clock = new Date('2026-06-01T03:00:05Z');
		// Alternating instances: a count kept in one process's memory would allow 6.
		const statuses = [];
		for (let i = 0; i < 5; i++) statuses.push((await get('/api/v1/certificates', token, i % 2)).status);
		expect(statuses).toEqual([200, 200, 200, 429, 429]);
		const limited = await get('/api/v1/certificates', token);
		expect(await limited.json()).toEqual({ error: messages.limited(3) });
		expect(Number(limited.headers.get('retry-after'))).toBe(55);
		clock = new Date('2026-06-01T03:01:00Z');
		expect((await get('/api/v1/certificates', token, 1)).status).toBe(200);
	});

	it('returns every row exactly once over pages', async () => {
		const expected = {
			'development-stages': (await t.db.selectFrom('developmentRecord').select('personId').execute()).length,
			certificates: (await t.db.selectFrom('certificate').select('id').execute()).length,
			'training-records': new Set((await t.db.selectFrom('enrollment').select('personId').execute()).map((e) => e.personId)).size
		};
		for (const [list, total] of Object.entries(expected))
			for (const size of [1, 2, 3]) {
			const seen: string[] = [];
			let cursor: string | null = null;
			let pages = 0;
			do {
				const res = await get(`/api/v1/${list}?limit=${size}${cursor ? `&cursor=${cursor}` : ''}`, schoolToken);
				expect(res.status).toBe(200);
				const body: { data: { id?: number; person: { username: string } }[]; nextCursor: string | null } = await res.json();
				expect(body.data.length).toBeLessThanOrEqual(size);
				seen.push(...body.data.map((r) => (list === 'certificates' ? String(r.id) : r.person.username)));
				cursor = body.nextCursor;
				pages++;
			} while (cursor !== null && pages < 20);
			expect(seen.length, list).toBe(total);
			expect(new Set(seen).size, list).toBe(total);
			expect(pages, list).toBe(Math.max(1, Math.ceil(total / size)));
		}
	});

	it('refuses bad query parameters with a Chinese 400, never a 500', async () => {
		const bad = [
			'/api/v1/certificates?limit=0',
			'/api/v1/certificates?limit=201',
			'/api/v1/certificates?limit=abc',
			'/api/v1/certificates?limit=1e3',
			'/api/v1/certificates?cursor=-1',
			'/api/v1/certificates?cursor=99999999999',
			'/api/v1/certificates?cursor=%00',
			'/api/v1/training-records?page=2',
			'/api/v1/development-stages?limit=1&limit=2',
			"/api/v1/development-stages?person=' or 1=1 --",
			'/api/v1/people/%E0%A4%A',
			'/api/v1/people/a%20b',
			'/api/v1/people/C2401001?limit=1'
		];
		for (const path of bad) {
			const res = await get(path, schoolToken);
			expect(res.status, path).toBe(400);
			const body = await res.json();
			expect(body.error, path).toMatch(/[\u4e00-\u9fff]/);
		}
		const unknown = await get('/api/v1/members', schoolToken);
		expect(unknown.status).toBe(404);
		expect(await unknown.json()).toEqual({ error: messages.noRoute });
	});

	it('audits every answered request once, and the chain still verifies', async () => {
		const before = await apiReads();
		await get('/api/v1/development-stages?limit=1', branchToken);
		await get('/api/v1/development-stages?limit=x', branchToken);
		expect(await apiReads()).toBe(before + 2);
		const last = await t.db.selectFrom('auditLog').select(['actorId', 'entityType', 'after']).where('action', '=', 'api.read').orderBy('id', 'desc').limit(2).execute();
		expect(last.map((r) => (r.after as { status: number }).status)).toEqual([400, 200]);
		expect(last[0]).toMatchObject({ actorId: null, entityType: 'api_client' });
		expect((await verifyAuditChain(t.db)).ok).toBe(true);
	});
});
