import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { checkInSecret, currentCode } from './codes';
import { liveState } from './live';
import { qrSvg } from './qr';
import { checkInClosesAt, checkInOpensAt, checkInPhase, checkoutOpen, lateFrom } from './rules';
import type { ClassSessionDetail } from './class-sessions';
import { shanghaiTime } from '$lib/time/shanghai';

/**
 * The projector's view of a session: the code of the current window (only while check-in or
 * check-out is open), the link it stands for as a QR code, and the live counts.
 */
export async function projectorState(db: Kysely<Database>, session: ClassSessionDetail, origin: string, now = new Date()) {
	const phase = session.status === 'cancelled' ? 'cancelled' : checkInPhase(session, now);
	const checkout = session.status === 'scheduled' && checkoutOpen(session, now);
	const showCode = phase === 'on_time' || phase === 'late' || checkout;
	const [live, secret] = await Promise.all([liveState(db, session.id, session.cohortId), checkInSecret(db)]);
	let code: { code: string; url: string; entry: string; svg: string; nextAt: number; seconds: number } | null = null;
	if (showCode) {
		const c = currentCode(secret, session.id, session.codeSeconds, now.getTime());
		const url = `${origin}/checkin/${session.id}?c=${c.code}`;
		// The full address to type the code at: a bare "/checkin" means nothing to someone without the QR code.
		code = { code: c.code, url, entry: `${origin}/checkin`, svg: await qrSvg(url), nextAt: c.nextAt, seconds: session.codeSeconds };
	}
	return {
		serverNow: now.getTime(),
		phase,
		checkout,
		opensAt: shanghaiTime(checkInOpensAt(session)),
		lateFrom: shanghaiTime(lateFrom(session)),
		closesAt: shanghaiTime(checkInClosesAt(session)),
		code,
		live
	};
}

export type ProjectorState = Awaited<ReturnType<typeof projectorState>>;
