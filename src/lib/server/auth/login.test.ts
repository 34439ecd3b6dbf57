import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { insertOrgUnit } from '../org/units';
import { hashPassword } from './password';
import { attemptLogin } from './login';

const PASSWORD = 'correct-horse-1';
const WRONG = '学号/工号或密码不正确';

let t: OpenDatabase;
let branchId: number;
let passwordHash: string;

beforeAll(async () => {
	t = await testDatabase();
	const school = await insertOrgUnit(t.db, { parentId: null, kind: 'committee', name: '测试党委', code: 'L-SCHOOL' });
	branchId = (await insertOrgUnit(t.db, { parentId: school.id, kind: 'branch', name: '测试支部', code: 'L-B1' })).id;
	passwordHash = await hashPassword(PASSWORD);
});
afterAll(() => t.close());

async function person(username: string) {
	await t.db
		.insertInto('person')
		.values({ username, name: username, gender: 'female', orgUnitId: branchId, passwordHash, mustChangePassword: false })
		.execute();
}

const attempts = (username: string) =>
	t.db.selectFrom('loginAttempt').select(['ip', 'succeeded']).where('username', '=', username).execute();

describe('attemptLogin', () => {
	it('evaluates at most the limit of 50 concurrent guesses: the right password at position 48 is refused', async () => {
		await person('2023010001');
		const guesses = Array.from({ length: 50 }, (_, i) => (i === 47 ? PASSWORD : `guess-${i}`));
		const results = await Promise.all(guesses.map((g) => attemptLogin(t.db, '2023010001', g, '10.1.0.1')));

		expect(results[47].ok).toBe(false);
		const evaluated = results.filter((r) => !r.ok && r.message === WRONG);
		expect(evaluated.length).toBeLessThanOrEqual(5);
		expect(results.filter((r) => !r.ok && r.message.includes('锁定'))).toHaveLength(50 - evaluated.length);
		// Only evaluated guesses are recorded; the refused ones never reached the password check.
		expect(await attempts('2023010001')).toHaveLength(evaluated.length);
	});

	it('five failures from one address do not lock the account from another address', async () => {
		await person('2023010002');
		for (let i = 0; i < 5; i++) expect(await attemptLogin(t.db, '2023010002', `bad-${i}`, '10.2.0.1')).toEqual({ ok: false, message: WRONG });

		const fromA = await attemptLogin(t.db, '2023010002', PASSWORD, '10.2.0.1');
		expect(fromA).toMatchObject({ ok: false, message: expect.stringMatching(/此账号在你当前的网络地址.*已锁定 \d+ 分钟/) });
		expect(await attemptLogin(t.db, '2023010002', PASSWORD, '10.2.0.2')).toMatchObject({ ok: true });
	});

	it('twenty failures from several addresses lock the account everywhere', async () => {
		await person('2023010003');
		for (let ip = 1; ip <= 4; ip++) {
			for (let i = 0; i < 5; i++) await attemptLogin(t.db, '2023010003', `bad-${ip}-${i}`, `10.3.0.${ip}`);
		}
		expect((await attempts('2023010003')).filter((a) => !a.succeeded)).toHaveLength(20);

		const fresh = await attemptLogin(t.db, '2023010003', PASSWORD, '10.3.0.99');
		expect(fresh).toMatchObject({ ok: false, message: expect.stringMatching(/此账号.*已在所有地址锁定 \d+ 分钟/) });
		expect(await attempts('2023010003')).toHaveLength(20);
	});

	it('records a success as succeeded', async () => {
		await person('2023010004');
		expect(await attemptLogin(t.db, '2023010004', PASSWORD, '10.4.0.1')).toMatchObject({ ok: true });
		expect(await attempts('2023010004')).toEqual([{ ip: '10.4.0.1', succeeded: true }]);
	});
});
