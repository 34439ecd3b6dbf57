import { describe, expect, it } from 'vitest';
import { mayReadHealthDetails } from './health-details';

const ask = (socketAddress: string | undefined, headers: Record<string, string> = {}, env: NodeJS.ProcessEnv = {}) =>
	mayReadHealthDetails({ socketAddress, headers: new Headers(headers) }, env);

describe('who may read /healthz details', () => {
	it('a request from this machine, by its socket address', () => {
		expect(ask('127.0.0.1')).toBe(true);
		expect(ask('::1')).toBe(true);
		expect(ask('::ffff:127.0.0.1')).toBe(true);
	});

	it('not the public, and not a forwarded request even when the proxy connects from loopback', () => {
		expect(ask('203.0.113.9')).toBe(false);
		expect(ask('::ffff:10.0.0.8')).toBe(false);
		expect(ask(undefined)).toBe(false);
		expect(ask('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).toBe(false);
		expect(ask('127.0.0.1', { forwarded: 'for=203.0.113.9' })).toBe(false);
		expect(ask('127.0.0.1', { 'x-client-ip': '203.0.113.9' }, { ADDRESS_HEADER: 'X-Client-IP' })).toBe(false);
	});

	it('a forwarded header never grants it: the socket decides', () => {
		expect(ask('203.0.113.9', { 'x-forwarded-for': '127.0.0.1' }, { ADDRESS_HEADER: 'X-Forwarded-For' })).toBe(false);
	});

	it('anyone with Authorization: Bearer $HEALTHZ_TOKEN, and nobody with a wrong or empty one', () => {
		const env = { HEALTHZ_TOKEN: 's3cret-token' };
		expect(ask('203.0.113.9', { authorization: 'Bearer s3cret-token' }, env)).toBe(true);
		expect(ask('203.0.113.9', { authorization: 'Bearer s3cret-tokem' }, env)).toBe(false);
		expect(ask('203.0.113.9', { authorization: 'Bearer s3cret' }, env)).toBe(false);
		expect(ask('203.0.113.9', { authorization: 'Bearer ' }, { HEALTHZ_TOKEN: '' })).toBe(false);
		expect(ask('203.0.113.9', { authorization: 'Bearer s3cret-token' })).toBe(false);
	});
});
