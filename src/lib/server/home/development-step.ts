import { rulesInEffect } from '$lib/server/development/settings/rules-in-effect';
import { loadDossier } from '$lib/server/development/records/load';
import { assess } from '$lib/server/development/standing';
import type { Db } from '$lib/server/db';

/**
 * The next step of a person's own open development record and what stands in its way, as the
 * engine judges it for /my/development (standing.ts `assess`) — read only for someone who has an
 * open record, so a learner without one costs the home page nothing here.
 */
export async function ownNextStep(db: Db, personId: number, at = new Date()) {
	const [rules, loaded] = await Promise.all([rulesInEffect(db, at), loadDossier(db, personId, at)]);
	if (!loaded?.record || loaded.record.closedOn) return null;
	const a = assess(loaded, rules);
	if (!a.next) return null;
	return {
		stage: loaded.dossier.stage,
		next: a.next,
		standing: a.standing,
		eligibleOn: a.eligibleOn,
		missing: a.blockers.map((b) => ({ title: b.title, reason: b.reason, pending: b.status === 'pending' }))
	};
}
