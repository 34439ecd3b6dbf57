import type { RequestEvent } from '@sveltejs/kit';
import { checkIn, type CheckInResult } from './check-in';
import { checkInSecret } from './codes';
import { deviceIdFor } from './device';
import { requestAddress } from '../http/client-address';
import { attendanceStatusLabels, refusalMessages } from './labels';
import { shanghaiTime } from '$lib/time/shanghai';
import type { LocationReport } from './place';

/** Runs a check-in for the signed-in user of a request: device cookie, address, user agent, arrival time. */
export async function checkInFromRequest(event: RequestEvent, userId: number, input: { sessionId?: number; code: string; intent: 'in' | 'out'; location?: LocationReport; scan?: string }) {
	const db = event.locals.db;
	const deviceId = deviceIdFor(event.cookies, event.url.protocol === 'https:');
	const result = await checkIn(db, await checkInSecret(db), {
		personId: userId,
		sessionId: input.sessionId,
		code: input.code,
		intent: input.intent,
		location: input.location,
		scan: input.scan,
		deviceId,
		ip: requestAddress(event),
		userAgent: event.request.headers.get('user-agent') ?? '',
		// Set by the hooks on arrival; nothing the client sends can change it.
		arrivedAt: new Date(event.locals.arrivedAt)
	});
	return { result, message: resultMessage(result) };
}

export function resultMessage(r: CheckInResult) {
	if (!r.ok) {
		if (r.reason === 'marked' && r.status) return `${refusalMessages.marked}（${attendanceStatusLabels[r.status]}）`;
		return r.note ? `${refusalMessages[r.reason]}（${r.note}）` : refusalMessages[r.reason];
	}
	const status = attendanceStatusLabels[r.status];
	if (r.action === 'in') return `签到成功：${r.title}，${shanghaiTime(r.at)}，${status}`;
	if (r.action === 'out') return `签退成功：${r.title}，${shanghaiTime(r.at)}，${status}`;
	return `您已于 ${shanghaiTime(r.at)} 签到：${r.title}（${status}）`;
}
