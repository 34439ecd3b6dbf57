import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { clientAddress, requestAddress, socketAddress } from './client-address';

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

// The rest of the site reads the address through requestAddress, so that the fast routes and the
// SvelteKit routes (login throttling, check-in networks, the verification limit) apply one rule.
describe('requestAddress', () => {
	const env = process.env;
	const event = (req: IncomingMessage | undefined) => ({
		platform: req ? { req } : undefined,
		getClientAddress: () => 'from-sveltekit'
	});

	it('reads adapter-node’s Node request by the same rule as the fast routes', () => {
		process.env = { ...env, ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '2' };
		try {
			const req = request({ 'x-forwarded-for': '198.51.100.1, 203.0.113.1, 10.0.0.2' }, '10.0.0.9');
			expect(requestAddress(event(req))).toBe(clientAddress(req));
			expect(requestAddress(event(req))).toBe('203.0.113.1');
			// A header configured but missing: SvelteKit's own answer (adapter-node refuses the request).
			expect(requestAddress(event(request({}, '10.0.0.9')))).toBe('from-sveltekit');
		} finally {
			process.env = env;
		}
	});

	it('is the dev server’s address where there is no Node request (vite dev)', () => {
		expect(requestAddress(event(undefined))).toBe('from-sveltekit');
	});

	it('gives /healthz the socket’s peer, never a forwarded address', () => {
		process.env = { ...env, ADDRESS_HEADER: 'x-forwarded-for' };
		try {
			expect(socketAddress(event(request({ 'x-forwarded-for': '203.0.113.1' }, '127.0.0.1')))).toBe('127.0.0.1');
		} finally {
			process.env = env;
		}
	});
});
