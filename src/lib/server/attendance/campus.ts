import { appendAudit } from '../audit/log';
import { CAMPUS_NETWORKS_KEY, campusList } from './place';
import type { Db } from '$lib/server/db';

// The school's campus networks: every session that names no networks of its own is checked
// against them. Read at check-in inside the session query (no cache: a change applies at once).

export async function campusNetworks(db: Db): Promise<string[]> {
	const row = await db.selectFrom('appSetting').select('value').where('key', '=', CAMPUS_NETWORKS_KEY).executeTakeFirst();
	return campusList(row?.value);
}

/** Stores the list (already validated) when it differs, with one audit entry; false if unchanged. */
export async function saveCampusNetworks(db: Db, actorId: number, ranges: string[]) {
	return db.transaction().execute(async (trx) => {
		const row = await trx.selectFrom('appSetting').select('value').where('key', '=', CAMPUS_NETWORKS_KEY).forUpdate().executeTakeFirst();
		const before = campusList(row?.value);
		if (JSON.stringify(before) === JSON.stringify(ranges)) return false;
		await trx
			.insertInto('appSetting')
			.values({ key: CAMPUS_NETWORKS_KEY, value: ranges })
			.onConflict((oc) => oc.column('key').doUpdateSet({ value: ranges, updatedAt: new Date() }))
			.execute();
		await appendAudit(trx, { actorId, action: 'attendance.campus_networks', entityType: 'app_setting', entityId: CAMPUS_NETWORKS_KEY, before: { ranges: before }, after: { ranges } });
		return true;
	});
}
