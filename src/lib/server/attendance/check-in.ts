// One check-in attempt, judged and recorded in one transaction. A little over 250 lines on purpose:
// every rule a check-in passes (code, window, device, place, one per person) is read in one order here.
import { sql } from 'kysely';
import { verifyCode, CODE_PATTERN } from './codes';
import { readScan } from './scan-token';
import { CAMPUS_NETWORKS_KEY, placeFindings, type LocationProblem, type LocationReport, type PlaceFinding } from './place';
import { approxDistance } from './flag-notes';
import { checkInPhase, checkInStatus, checkoutOpen, checkoutStatus, sessionClosesAt, checkInOpensAt } from './rules';
import type { AttendanceStatus, FlagKind } from './tables';
import type { Db } from '$lib/server/db';

export interface CheckInRequest {
	personId: number;
	/** From the QR link; absent when the learner typed the code on /checkin. */
	sessionId?: number;
	code: string;
	intent: 'in' | 'out';
	deviceId: string;
	ip: string;
	userAgent: string;
	/** The browser's position, asked for only when the session has a radius. */
	location?: LocationReport;
	/**
	 * When the request reached the server (captured before anything waited on the database);
	 * the code, the late mark and the check-in time are judged by it. Never from the client.
	 */
	arrivedAt?: Date;
	/** The processing clock (tests set it); also the judging time when arrivedAt is absent. */
	now?: Date;
	/**
	 * A signed scan from a sign-in redirect (scan-token.ts): its code is judged at the signed scan
	 * time instead of now, and replaces `code`. Every other rule is still judged now.
	 */
	scan?: string;
}

export type Refusal =
	| 'not_found' | 'cancelled' | 'no_open_session' | 'throttled' | 'bad_code' | 'expired_code' | 'future_code'
	| 'not_open' | 'closed' | 'outside_network' | 'outside_location' | 'location_required' | 'shared_device' | 'not_checked_in' | 'no_checkout' | 'already_out' | 'marked'
	| 'forged_scan' | 'other_session_scan' | 'stale_scan';

export type CheckInResult =
	| { ok: true; action: 'in' | 'out' | 'already'; sessionId: number; title: string; status: AttendanceStatus; at: Date }
	| { ok: false; reason: Refusal; sessionId?: number; title?: string; status?: AttendanceStatus; note?: string };

/** Wrong codes a person may type in 10 minutes before check-in refuses them for a while. */
export const MAX_BAD_CODES = 10;
const THROTTLE_WINDOW = sql<Date>`now() - interval '10 minutes'`;
/** Serialises one person's check-in attempts (with the person's id as second key). */
const ATTEMPT_LOCK = 7_320_040;
/** An arrival further back than this is not believed: no request waits that long for the database. */
const MAX_WAIT_MS = 5 * 60_000;
const MAX_AHEAD_MS = 2_000;

// The session, whether the person is enrolled, and their recent wrong codes: one query.
function sessionContext(db: Db, personId: number) {
	return db
		.selectFrom('session as s')
		.innerJoin('enrollment as e', (j) => j.onRef('e.cohortId', '=', 's.cohortId').on('e.personId', '=', personId))
		.select([
			's.id', 's.title', 's.status', 's.startsAt', 's.endsAt', 's.checkinOpensMin', 's.lateAfterMin', 's.checkinClosesMin',
			's.checkoutRequired', 's.codeSeconds', 's.allowedNetworks', 's.locationLat', 's.locationLng', 's.locationRadiusM', 's.checkinEnforced',
			(eb) => eb.selectFrom('appSetting').select('value').where('key', '=', CAMPUS_NETWORKS_KEY).as('campusNetworks'),
			(eb) =>
				eb
					.selectFrom('attendanceFlag as f')
					.select(eb.fn.countAll<number>().as('n'))
					.where('f.personId', '=', personId)
					.where('f.kind', '=', 'bad_code')
					.where('f.at', '>', THROTTLE_WINDOW)
					.as('badCodes')
		]);
}

type Context = Awaited<ReturnType<ReturnType<typeof sessionContext>['executeTakeFirstOrThrow']>>;

async function flag(db: Db, req: CheckInRequest, sessionId: number | null, kind: FlagKind, detail: Record<string, unknown> = {}) {
	await db
		.insertInto('attendanceFlag')
		.values({ sessionId, personId: req.personId, kind, deviceId: req.deviceId, ip: req.ip, userAgent: req.userAgent.slice(0, 300), detail })
		.execute();
}

/** The time a request is judged by: its arrival, unless that is not plausible. */
export function judgedAt(req: Pick<CheckInRequest, 'arrivedAt' | 'now'>) {
	const now = req.now ?? new Date();
	if (!req.arrivedAt) return now;
	const waited = now.getTime() - req.arrivedAt.getTime();
	return waited >= -MAX_AHEAD_MS && waited <= MAX_WAIT_MS ? req.arrivedAt : now;
}

/** What a first pass without the person's lock hands on to the locked pass. */
const NEEDS_LOCK = Symbol('needs lock');

/**
 * Check in or out with a rotating code. Refusals that matter for review are recorded as flags.
 * One person's attempts that count against the wrong-code limit run one after another (the
 * advisory lock ATTEMPT_LOCK, person): the count read then includes every earlier attempt, so a
 * burst of guesses sent at once is throttled after MAX_BAD_CODES like guesses sent one by one.
 * A right code checking in, the common case, is one guarded statement (attendance_check_in,
 * which takes the same lock); wrong codes, check-outs and accepted out-of-place check-ins run in
 * a transaction under the lock. Other people never wait.
 */
export async function checkIn(db: Db, secret: Buffer, req: CheckInRequest): Promise<CheckInResult> {
	// Judged by arrival: a slow or briefly unreachable database must not expire honest codes.
	const now = judgedAt(req);
	let codeAt = now;
	if (req.scan !== undefined) {
		const read = readScan(secret, req.scan, req.sessionId ?? -1, now);
		if (!read.ok) return { ok: false, reason: `${read.reason}_scan` };
		req = { ...req, code: read.scan.code };
		codeAt = read.scan.scannedAt;
	}
	const first = await attempt(db, secret, req, now, codeAt, false);
	if (first !== NEEDS_LOCK) return first;
	return db.transaction().execute(async (trx) => {
		await sql`select pg_advisory_xact_lock(${ATTEMPT_LOCK}, ${req.personId})`.execute(trx);
		const result = await attempt(trx, secret, req, now, codeAt, true);
		if (result === NEEDS_LOCK) throw new Error('check-in asked for the lock while holding it');
		return result;
	});
}

// `locked`: run inside checkIn's transaction holding the person's lock. Without it, every write
// that a later attempt's wrong-code count depends on, or that must commit with another, is left
// to the locked pass (NEEDS_LOCK); reads and refusals that write nothing counted are done here.
async function attempt(db: Db, secret: Buffer, req: CheckInRequest, now: Date, codeAt: Date, locked: boolean): Promise<CheckInResult | typeof NEEDS_LOCK> {
	const code = req.code.replace(/\s+/g, '');
	let ctx: Context | undefined;
	if (req.sessionId !== undefined) {
		ctx = await sessionContext(db, req.personId).where('s.id', '=', req.sessionId).executeTakeFirst();
		if (!ctx) return { ok: false, reason: 'not_found' };
		if (ctx.status === 'cancelled') return refuse(ctx, 'cancelled');
		if (Number(ctx.badCodes) >= MAX_BAD_CODES) return refuse(ctx, 'throttled');
		const check = verifyCode(secret, ctx.id, code, ctx.codeSeconds, codeAt.getTime());
		if (!check.ok) return check.reason === 'invalid' && !locked ? NEEDS_LOCK : badCode(db, req, ctx, check.reason);
	} else {
		// A typed code: find it among the sessions of the person's cohorts open around now.
		const open = await sessionContext(db, req.personId)
			.where('s.status', '=', 'scheduled')
			.where('s.closedAt', 'is', null)
			.where(sql<boolean>`s.starts_at - make_interval(mins => s.checkin_opens_min) <= ${now}`)
			.where(sql<boolean>`s.ends_at + interval '30 minutes' > ${now}`)
			.orderBy('s.startsAt')
			.limit(10)
			.execute();
		if (open.length === 0) return { ok: false, reason: 'no_open_session' };
		if (Number(open[0].badCodes) >= MAX_BAD_CODES) return { ok: false, reason: 'throttled' };
		if (!locked && !CODE_PATTERN.test(code)) return NEEDS_LOCK;
		if (!CODE_PATTERN.test(code)) return badCode(db, req, open[0], 'invalid');
		const checks = open.map((s) => ({ s, check: verifyCode(secret, s.id, code, s.codeSeconds, now.getTime()) }));
		const hit = checks.find((c) => c.check.ok);
		if (!hit) {
			const near = checks.find((c) => !c.check.ok && c.check.reason !== 'invalid');
			if (!locked && (!near || near.check.ok || near.check.reason === 'invalid')) return NEEDS_LOCK;
			return near && !near.check.ok ? badCode(db, req, near.s, near.check.reason) : badCode(db, req, open.length === 1 ? open[0] : null, 'invalid');
		}
		ctx = hit.s;
	}
	const findings = placeFindings(ctx, req.ip, req.location);
	if (findings.length && ctx.checkinEnforced) {
		await placeFlags(db, req, ctx.id, findings, false);
		return refusePlace(ctx, findings[0]);
	}
	// A check-out is as good as a check-in to a guesser; an accepted out-of-place check-in writes
	// its flags with it, in one transaction.
	if (!locked && (req.intent === 'out' || findings.length)) return NEEDS_LOCK;
	const result = req.intent === 'out' ? await checkOut(db, req, ctx, now) : await insertCheckIn(db, req, ctx, now);
	// Accepted though out of place: the flag is written with the check-in, in its transaction.
	if (findings.length && result.ok && result.action !== 'already') await placeFlags(db, req, ctx.id, findings, true);
	return result;
}

async function placeFlags(db: Db, req: CheckInRequest, sessionId: number, findings: PlaceFinding[], accepted: boolean) {
	await db
		.insertInto('attendanceFlag')
		.values(
			findings.map((f) => ({
				sessionId, personId: req.personId, kind: f.kind, deviceId: req.deviceId, ip: req.ip, userAgent: req.userAgent.slice(0, 300),
				detail: { intent: req.intent, accepted, ...f.detail }
			}))
		)
		.execute();
}

const locationProblemNotes: Record<LocationProblem, string> = {
	denied: '您拒绝了定位授权',
	unavailable: '设备无法定位，请打开手机的定位服务',
	timeout: '定位超时，请到信号较好的地方重试',
	missing: '页面没有提供位置，请刷新页面后重试'
};

function refusePlace(ctx: Pick<Context, 'id' | 'title'>, f: PlaceFinding): CheckInResult {
	if (f.kind === 'outside_network') return refuse(ctx, 'outside_network');
	if (f.kind === 'outside_location') return refuse(ctx, 'outside_location', undefined, `距离${approxDistance(f.detail.distanceM)}，应在 ${f.detail.radiusM} 米以内`);
	return refuse(ctx, 'location_required', undefined, locationProblemNotes[f.detail.problem]);
}

function refuse(ctx: Pick<Context, 'id' | 'title'>, reason: Refusal, status?: AttendanceStatus, note?: string): CheckInResult {
	return { ok: false, reason, sessionId: ctx.id, title: ctx.title, status, ...(note ? { note } : {}) };
}

async function badCode(db: Db, req: CheckInRequest, ctx: Context | null, reason: 'expired' | 'future' | 'invalid'): Promise<CheckInResult> {
	// A valid but old code may have been photographed and sent on: worth showing the instructor.
	if (reason === 'expired') await flag(db, req, ctx?.id ?? null, 'expired_code', { code: req.code.slice(0, 12) });
	if (reason === 'invalid') await flag(db, req, ctx?.id ?? null, 'bad_code', { code: req.code.slice(0, 12) });
	const r: Refusal = reason === 'expired' ? 'expired_code' : reason === 'future' ? 'future_code' : 'bad_code';
	return ctx ? refuse(ctx, r) : { ok: false, reason: r };
}

async function insertCheckIn(db: Db, req: CheckInRequest, ctx: Context, now: Date, retried = false): Promise<CheckInResult> {
	const phase = checkInPhase(ctx, now);
	if (phase === 'not_open' || phase === 'closed') return refuse(ctx, phase);
	const status = checkInStatus(phase);
	// The hot path: one statement (migrations/…_check_in_guard.ts) that takes the person's lock,
	// refuses when the wrong codes before it reached the limit, and inserts. Both unique indexes
	// (one row per person, one person per device) are enforced by the insert, so a double submit
	// or two accounts on one phone cannot slip through.
	const { rows } = await sql<{ rOutcome: 'in' | 'throttled'; rStatus: AttendanceStatus; rCheckedInAt: Date }>`
		select * from attendance_check_in(${ctx.id}, ${req.personId}, ${status}, ${now}, ${req.deviceId}, ${req.ip}, ${req.userAgent.slice(0, 300)}, ${MAX_BAD_CODES})
	`.execute(db);
	if (rows[0]?.rOutcome === 'throttled') return refuse(ctx, 'throttled');
	const row = rows[0] && { status: rows[0].rStatus, checkedInAt: rows[0].rCheckedInAt };
	if (row) return { ok: true, action: 'in', sessionId: ctx.id, title: ctx.title, status: row.status, at: row.checkedInAt ?? now };
	// Nothing inserted: either this person has a record, or this browser checked in someone else.
	const existing = await db
		.selectFrom('attendance')
		.select(['personId', 'status', 'checkedInAt', 'deviceId'])
		.where('sessionId', '=', ctx.id)
		.where((eb) => eb.or([eb('personId', '=', req.personId), eb('deviceId', '=', req.deviceId)]))
		.execute();
	const mine = existing.find((r) => r.personId === req.personId);
	if (mine?.checkedInAt) return { ok: true, action: 'already', sessionId: ctx.id, title: ctx.title, status: mine.status, at: mine.checkedInAt };
	const other = existing.find((r) => r.personId !== req.personId);
	if (!other && mine) return refuse(ctx, 'marked', mine.status);
	// The conflicting row went away in between (a mark taken back): try once more.
	if (!other && !retried) return insertCheckIn(db, req, ctx, now, true);
	await flag(db, req, ctx.id, 'shared_device', { intent: 'in', otherPersonId: other?.personId ?? null });
	return refuse(ctx, 'shared_device');
}

async function checkOut(db: Db, req: CheckInRequest, ctx: Context, now: Date): Promise<CheckInResult> {
	if (!ctx.checkoutRequired) return refuse(ctx, 'no_checkout');
	if (!checkoutOpen(ctx, now) || now >= sessionClosesAt(ctx)) return refuse(ctx, now < checkInOpensAt(ctx) ? 'not_open' : 'closed');
	const mine = await db
		.selectFrom('attendance')
		.select(['status', 'checkedInAt', 'checkedOutAt'])
		.where('sessionId', '=', ctx.id)
		.where('personId', '=', req.personId)
		.executeTakeFirst();
	if (!mine?.checkedInAt) return refuse(ctx, 'not_checked_in');
	if (mine.checkedOutAt) return refuse(ctx, 'already_out', mine.status);
	const status = checkoutStatus(mine.status, ctx, now);
	// Refused when this browser checked in another account for the session.
	const row = await db
		.updateTable('attendance as a')
		.set({ checkedOutAt: now, checkoutDeviceId: req.deviceId, checkoutIp: req.ip, status })
		.where('a.sessionId', '=', ctx.id)
		.where('a.personId', '=', req.personId)
		.where('a.checkedOutAt', 'is', null)
		.where((eb) =>
			eb.not(
				eb.exists(
					eb.selectFrom('attendance as o').select('o.id').where('o.sessionId', '=', ctx.id).where('o.deviceId', '=', req.deviceId).where('o.personId', '<>', req.personId)
				)
			)
		)
		.returning(['status'])
		.executeTakeFirst();
	if (row) return { ok: true, action: 'out', sessionId: ctx.id, title: ctx.title, status: row.status, at: now };
	await flag(db, req, ctx.id, 'shared_device', { intent: 'out' });
	return refuse(ctx, 'shared_device');
}
