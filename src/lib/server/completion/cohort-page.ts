import { parsePaging } from '../http/paging';
import { cohortFacts } from './cohort-facts';
import { learnerCompletion } from './service';
import type { PartState } from './evaluate';
import type { Db } from '$lib/server/db';

const states = ['met', 'pending', 'not_met'] as const;

export function cohortFilter(url: URL) {
	const state = url.searchParams.get('state');
	return {
		q: url.searchParams.get('q')?.trim().slice(0, 40) ?? '',
		state: (states as readonly string[]).includes(state ?? '') ? (state as PartState) : null,
		...parsePaging(url)
	};
}

/** A cohort's learners with their completion and current certificate, filtered and paged in memory (one evaluation). */
export async function cohortCompletion(db: Db, cohortId: number, learnerPaths: string[] | null, filter: ReturnType<typeof cohortFilter>) {
	const [facts, { rows }, certs, exams, waiting] = await Promise.all([
		cohortFacts(db, [cohortId]),
		learnerCompletion(db, { cohortId, paths: learnerPaths ?? undefined }),
		db.selectFrom('certificate').select(['id', 'personId', 'serial', 'revokedAt', 'pdfSha256']).where('cohortId', '=', cohortId).where('supersededAt', 'is', null).execute(),
		db.selectFrom('exam').select(['id', 'title', 'closesAt']).where('cohortId', '=', cohortId).orderBy('closesAt', 'desc').execute(),
		db.selectFrom('reflection').select((eb) => eb.fn.countAll<number>().as('n')).where('cohortId', '=', cohortId).where('status', '=', 'submitted').executeTakeFirstOrThrow()
	]);
	const certOf = new Map(certs.map((c) => [c.personId, c]));
	const all = rows.map((r) => ({
		personId: r.personId,
		username: r.username,
		name: r.name,
		orgName: r.orgName,
		state: r.result.state,
		parts: r.result.parts,
		hours: r.result.hours,
		certificate: certOf.get(r.personId) ?? null
	}));
	const counts = { total: all.length, met: 0, pending: 0, not_met: 0, certified: 0, eligible: 0 };
	for (const r of all) {
		counts[r.state]++;
		if (r.certificate && !r.certificate.revokedAt) counts.certified++;
		if (r.state === 'met' && !r.certificate) counts.eligible++;
	}
	const matching = all.filter((r) => (!filter.q || r.name.includes(filter.q) || r.username.includes(filter.q)) && (!filter.state || r.state === filter.state));
	const start = (filter.page - 1) * filter.pageSize;
	return {
		facts: facts.get(cohortId)!,
		rows: matching.slice(start, start + filter.pageSize).map((r) => ({ ...r, certificate: r.certificate && { id: r.certificate.id, serial: r.certificate.serial, revoked: r.certificate.revokedAt !== null, ready: r.certificate.pdfSha256 !== null } })),
		total: matching.length,
		counts,
		exams,
		waitingReflections: Number(waiting.n)
	};
}
