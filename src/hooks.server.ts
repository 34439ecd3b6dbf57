import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { database, closeDatabase } from '$lib/server/db';
import { migrateToLatest } from '$lib/server/db/migrate';
import { PGLITE_WARNING } from '$lib/server/db/config';
import { seedDemo } from '$lib/server/demo/seed';
import { syncContentCourses } from '$lib/server/courses/content-sync';
import { seedDemoParts } from '$lib/server/demo/parts';
import { syncContentQuestions } from '$lib/server/quiz/content-sync';
import { startJobs } from '$lib/server/jobs';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { requestsDone, tracked } from '$lib/server/http/in-flight';
import { answeringUnavailable, handleServerError } from '$lib/server/http/unavailable';
import { answeringBadInput, badInputError } from '$lib/server/http/db-errors';
import { heartbeatRoute, installFastRoutes } from '$lib/server/http/fast-routes';
import { guardRequest, withSecurityHeaders } from '$lib/server/http/request-guard';
import { verifyRoute } from '$lib/server/certificates/verify-route';
import { answerRoute } from '$lib/server/quiz/answer-route';

export const init: ServerInit = async () => {
	const started = Date.now();
	const { db, engine } = await database();
	const opened = Date.now();
	const applied = await migrateToLatest(db);
	const migrated = Date.now();
	if (applied.length) console.log(`[db] 已执行迁移：${applied.join(', ')}`);
	const synced = await syncContentCourses(db);
	if (synced.length) console.log(`[content] 已同步 ${synced.length} 项课程内容变化`);
	await syncContentQuestions(db);
	if (engine === 'pglite') {
		console.warn(`[db] ${PGLITE_WARNING}`);
		if (process.env.DEMO_SEED !== '0' && (await seedDemo(db))) console.log('[db] 已创建演示数据（密码 dangxiao-demo）');
	} else if (process.env.DEMO_SEED === '1' && (await seedDemo(db))) {
		console.log('[db] 已在 PostgreSQL 上创建演示数据');
	}
	const parts = await seedDemoParts(db);
	if (parts.length) console.log(`[db] 已创建演示数据：${parts.join('、')}`);
	const stopJobs = startJobs(db);
	installFastRoutes([heartbeatRoute(db, process.env.ORIGIN), answerRoute(db, process.env.ORIGIN), verifyRoute(db)]);
	// Where a start's time goes (a first start on PGlite: creating, migrating, seeding the demo).
	console.log(`[db] ${engine} 就绪，用时 ${Date.now() - started} ms（打开 ${opened - started} ms，迁移 ${migrated - opened} ms，内容同步与演示数据 ${Date.now() - migrated} ms）`);
	// adapter-node emits this on SIGTERM/SIGINT once its connections have closed; a request whose
	// client has gone away may still be running, so let those finish before the pool closes.
	process.once('sveltekit:shutdown' as 'exit', async () => {
		stopJobs();
		await requestsDone(10_000);
		await closeDatabase();
	});
};

// While the database is down: 503 with a Chinese message, for loads, actions and endpoints alike.
// A value PostgreSQL refused (that a form let through): 400 with a Chinese message, not 500.
export const handle: Handle = answeringBadInput(answeringUnavailable(({ event, resolve }) => tracked(async () => handleRequest({ event, resolve }))));
export const handleError: HandleServerError = (input) => badInputError(input) ?? handleServerError(input);

const handleRequest: Handle = async ({ event, resolve }) => {
	// Before any await: a check-in code is judged by when its request came, not by when a slow
	// database let it through.
	event.locals.arrivedAt = Date.now();
	// Cross-site, oversized and unparseable requests are refused before anything reads them.
	const refused = guardRequest(event);
	if (refused) return withSecurityHeaders(refused, event.url);
	event.locals.db = (await database()).db;
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(SESSION_COOKIE);
	// Study heartbeats check the session inside their one statement (the busiest endpoint).
	const checksItsOwnSession = event.url.pathname === '/api/study/heartbeat' && event.request.method === 'POST';
	if (token && !checksItsOwnSession) {
		const result = await validateSessionToken(event.locals.db, token);
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			if (result.session.renewed) setSessionCookie(event, token, result.session.expiresAt);
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	return withSecurityHeaders(await resolve(event), event.url);
};
