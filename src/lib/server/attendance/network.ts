import { isIP } from 'node:net';

// Allowed network ranges of a session: IPv4 and IPv6 CIDR blocks, matched in process (the
// check-in path stays one insert). An IPv4 client seen as '::ffff:10.1.2.3' matches IPv4 ranges.

interface Parsed {
	v: 4 | 6;
	value: bigint;
}

function parseAddress(text: string): Parsed | null {
	let a = text.trim();
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
	if (mapped) a = mapped[1];
	const kind = isIP(a);
	if (kind === 4) {
		const value = a.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
		return { v: 4, value };
	}
	if (kind === 6) {
		const [head, tail = ''] = a.includes('::') ? a.split('::') : [a, undefined];
		const h = head ? head.split(':') : [];
		const t = tail ? tail.split(':') : [];
		// An embedded IPv4 tail ('::1.2.3.4') is two groups.
		const expand = (groups: string[]) =>
			groups.flatMap((g) => {
				if (!g.includes('.')) return [g];
				const n = g.split('.').map(Number);
				return [((n[0] << 8) | n[1]).toString(16), ((n[2] << 8) | n[3]).toString(16)];
			});
		const hh = expand(h);
		const tt = expand(t);
		const groups = a.includes('::') ? [...hh, ...Array(8 - hh.length - tt.length).fill('0'), ...tt] : hh;
		const value = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
		return { v: 6, value };
	}
	return null;
}

export interface Cidr {
	v: 4 | 6;
	base: bigint;
	bits: number;
}

/** '10.8.0.0/16', '2001:db8::/32' or a single address; null if malformed. */
export function parseCidr(text: string): Cidr | null {
	const [addr, len, extra] = text.trim().split('/');
	if (extra !== undefined) return null;
	const parsed = parseAddress(addr);
	if (!parsed) return null;
	const max = parsed.v === 4 ? 32 : 128;
	if (len !== undefined && !/^\d{1,3}$/.test(len)) return null;
	const bits = len === undefined ? max : Number(len);
	if (bits > max) return null;
	const mask = ((1n << BigInt(bits)) - 1n) << BigInt(max - bits);
	return { v: parsed.v, base: parsed.value & mask, bits };
}

export function inRanges(ip: string, ranges: string[]) {
	if (ranges.length === 0) return true;
	const a = parseAddress(ip);
	if (!a) return false;
	return ranges.some((r) => {
		const c = parseCidr(r);
		if (!c || c.v !== a.v) return false;
		const max = c.v === 4 ? 32 : 128;
		const mask = ((1n << BigInt(c.bits)) - 1n) << BigInt(max - c.bits);
		return (a.value & mask) === c.base;
	});
}

/** Splits a textarea of ranges (one per line, or separated by commas/spaces); returns the bad ones too. */
export function parseRangeList(text: string) {
	const items = text.split(/[\s,，;；]+/).filter(Boolean);
	return { ranges: items.filter((r) => parseCidr(r)), invalid: items.filter((r) => !parseCidr(r)) };
}
