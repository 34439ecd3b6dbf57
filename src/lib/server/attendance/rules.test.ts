import { describe, expect, it } from 'vitest';
import { checkInPhase, checkoutOpen, checkoutStatus, sessionClosesAt, type SessionTimes } from './rules';
import { parseShanghai } from '$lib/time/shanghai';
import { inRanges, parseCidr, parseRangeList } from './network';

// A session from 23:30 to 00:30 the next day (Shanghai), check-in 15 min before, late after 10, closed at 30.
const s: SessionTimes = {
	startsAt: parseShanghai('2026-03-01T23:30')!,
	endsAt: parseShanghai('2026-03-02T00:30')!,
	checkinOpensMin: 15,
	lateAfterMin: 10,
	checkinClosesMin: 30,
	checkoutRequired: true
};
const at = (local: string, seconds = 0) => new Date(parseShanghai(local)!.getTime() + seconds * 1000);

describe('check-in phases', () => {
	it('opens N minutes before the start', () => {
		expect(checkInPhase(s, at('2026-03-01T23:14', 59))).toBe('not_open');
		expect(checkInPhase(s, at('2026-03-01T23:15'))).toBe('on_time');
	});
	it('is on time up to and including the late mark, late after it', () => {
		expect(checkInPhase(s, at('2026-03-01T23:40'))).toBe('on_time');
		expect(checkInPhase(s, at('2026-03-01T23:40', 1))).toBe('late');
		expect(checkInPhase(s, at('2026-03-01T23:59', 59))).toBe('late');
	});
	it('closes M minutes after the start, past midnight', () => {
		expect(checkInPhase(s, at('2026-03-02T00:00'))).toBe('closed');
	});
	it('treats a zero late threshold as late from the first second', () => {
		const strict = { ...s, lateAfterMin: 0 };
		expect(checkInPhase(strict, s.startsAt)).toBe('on_time');
		expect(checkInPhase(strict, at('2026-03-01T23:30', 1))).toBe('late');
	});
});

describe('check-out', () => {
	it('is open from the start until 30 minutes after the end, only where required', () => {
		expect(checkoutOpen(s, at('2026-03-01T23:29'))).toBe(false);
		expect(checkoutOpen(s, at('2026-03-01T23:30'))).toBe(true);
		expect(checkoutOpen(s, at('2026-03-02T00:59'))).toBe(true);
		expect(checkoutOpen(s, at('2026-03-02T01:00'))).toBe(false);
		expect(checkoutOpen({ ...s, checkoutRequired: false }, at('2026-03-02T00:31'))).toBe(false);
	});
	it('marks leaving before the end as 早退, keeps the status at or after it', () => {
		expect(checkoutStatus('present', s, at('2026-03-02T00:29', 59))).toBe('early_leave');
		expect(checkoutStatus('late', s, at('2026-03-02T00:00'))).toBe('early_leave');
		expect(checkoutStatus('present', s, at('2026-03-02T00:30'))).toBe('present');
		expect(checkoutStatus('late', s, at('2026-03-02T00:45'))).toBe('late');
		expect(checkoutStatus('leave', s, at('2026-03-02T00:00'))).toBe('leave');
	});
	it('closes the session after the later of check-out and check-in closing', () => {
		expect(sessionClosesAt(s).toISOString()).toBe(at('2026-03-02T01:00').toISOString());
		expect(sessionClosesAt({ ...s, checkinClosesMin: 120 }).toISOString()).toBe(at('2026-03-02T01:30').toISOString());
	});
});

describe('allowed networks', () => {
	it('matches IPv4, IPv4-mapped and IPv6 ranges', () => {
		expect(inRanges('10.8.3.4', [])).toBe(true);
		expect(inRanges('10.8.3.4', ['10.8.0.0/16'])).toBe(true);
		expect(inRanges('::ffff:10.8.3.4', ['10.8.0.0/16'])).toBe(true);
		expect(inRanges('10.9.0.1', ['10.8.0.0/16'])).toBe(false);
		expect(inRanges('192.168.1.7', ['192.168.1.7'])).toBe(true);
		expect(inRanges('2001:db8:1::5', ['2001:db8::/32'])).toBe(true);
		expect(inRanges('2001:db9::5', ['2001:db8::/32'])).toBe(false);
		expect(inRanges('::1', ['127.0.0.0/8'])).toBe(false);
		expect(inRanges('garbage', ['0.0.0.0/0'])).toBe(false);
		expect(inRanges('1.2.3.4', ['0.0.0.0/0'])).toBe(true);
	});
	it('parses lists and reports what it cannot read', () => {
		expect(parseCidr('10.0.0.0/33')).toBeNull();
		expect(parseCidr('10.0.0/8')).toBeNull();
		expect(parseRangeList('10.0.0.0/8, 172.16.0.0/12\nfoo；2001:db8::/32')).toEqual({ ranges: ['10.0.0.0/8', '172.16.0.0/12', '2001:db8::/32'], invalid: ['foo'] });
	});
});
