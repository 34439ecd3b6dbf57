import { politicalStatuses, type PoliticalStatus } from '../db/schema';
import { intParam, parsePaging } from '../http/paging';

/** The people list's filters from the query string; the unit must be one the caller sees. */
export function peopleFilters(url: URL, visibleUnits: { id: number; path: string }[]) {
	const q = url.searchParams.get('q')?.trim().slice(0, 40) || undefined;
	const unitId = intParam(url, 'unit');
	const unit = visibleUnits.find((u) => u.id === unitId);
	const s = url.searchParams.get('status');
	const status = politicalStatuses.includes(s as PoliticalStatus) ? (s as PoliticalStatus) : undefined;
	return { q, unitId: unit?.id, underPath: unit?.path, status, ...parsePaging(url) };
}
