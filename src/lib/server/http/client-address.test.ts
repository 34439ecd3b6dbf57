import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { clientAddress } from './client-address';

const request = (headers: Record<string, string | string[]>, remoteAddress = '127.0.0.1') =>
	({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

// As adapter-node's getClientAddress() reads it (its handler.js), for the routes answered before SvelteKit.
describe('clientAddress', () => {
	it('is the socket’s peer when no address header is configured', () => {
		expect(clientAddress(request({ 'x-forwarded-for': '203.0.113.1' }, '192.0.2.7'), {})).toBe('192.0.2.7');
	});

	it('takes X-Forwarded-For’s XFF_DEPTH-th address from the right', () => {
		const req = request({ 'x-forwarded-for': '198.51.100.1, 203.0.113.1,10.0.0.2' });
		expect(clientAddress(req, { ADDRESS_HEADER: 'X-Forwarded-For' })).toBe('10.0.0.2');
		expect(clientAddress(req, { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '2' })).toBe('203.0.113.1');
		expect(clientAddress(req, { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '3' })).toBe('198.51.100.1');
	});

	it('takes another header as it is', () => {
		expect(clientAddress(request({ 'x-real-ip': '203.0.113.9' }), { ADDRESS_HEADER: 'X-Real-IP' })).toBe('203.0.113.9');
	});

	it('is undefined where adapter-node would refuse the request', () => {
		const env = { ADDRESS_HEADER: 'x-forwarded-for' };
		expect(clientAddress(request({}), env)).toBeUndefined();
		expect(clientAddress(request({ 'x-forwarded-for': '203.0.113.1' }), { ...env, XFF_DEPTH: '2' })).toBeUndefined();
		expect(clientAddress(request({ 'x-forwarded-for': '203.0.113.1' }), { ...env, XFF_DEPTH: '0' })).toBeUndefined();
		expect(clientAddress(request({ 'x-forwarded-for': '203.0.113.1' }), { ...env, XFF_DEPTH: 'two' })).toBeUndefined();
	});
});
