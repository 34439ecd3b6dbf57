import { describe, expect, it } from 'vitest';
import { match } from './id';

describe('the id route matcher', () => {
	it('takes the ids PostgreSQL integer columns hold', () => {
		for (const id of ['1', '42', '2147483647']) expect(match(id), id).toBe(true);
	});

	it('refuses what today reaches a load as NaN, 0, a fraction or a value past integer', () => {
		for (const id of ['abc', '', '0', '-1', '1.5', '1e3', ' 1', '0x10', '2147483648', '99999999999999999999', '１２']) expect(match(id), id).toBe(false);
	});
});
