import { inRanges, parseCidr } from './network';

// Where a check-in comes from, against where the session allows: its networks (or the school's
// campus networks it inherits) and, optionally, a radius around the classroom.
//
// The position is whatever the browser reports, and a browser can be told to report anything,
// so it is a signal for the instructor, not proof: a session that enforces the radius stops
// the casual forward of a code to someone at home, not a determined cheat. The address is
// seen by the server itself (behind the configured proxy header), so it is the firmer check.

export const CAMPUS_NETWORKS_KEY = 'attendance.campus_networks';

/** What the browser said about its position. */
export type LocationReport = { lat: number; lng: number; accuracyM?: number } | { problem: LocationProblem };
/** 'missing': the request carried no answer at all (an old page, a script). */
export type LocationProblem = 'denied' | 'unavailable' | 'timeout' | 'missing';

export interface PlaceRule {
	/** the session's own list; null inherits the school's */
	allowedNetworks: string[] | null;
	/** the school setting as stored (jsonb), read in the same query as the session */
	campusNetworks: unknown;
	locationLat: number | null;
	locationLng: number | null;
	locationRadiusM: number | null;
}

/** The school setting's valid ranges; anything else stored there is ignored. */
export function campusList(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((r): r is string => typeof r === 'string' && parseCidr(r) !== null) : [];
}

export function effectiveNetworks(rule: Pick<PlaceRule, 'allowedNetworks' | 'campusNetworks'>) {
	return rule.allowedNetworks ?? campusList(rule.campusNetworks);
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine; well within a metre at classroom scale). */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
	const dLat = rad(b.lat - a.lat);
	const dLng = rad(b.lng - a.lng);
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
	return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type PlaceFinding =
	| { kind: 'outside_network'; detail: { networks: 'campus' | 'session' } }
	| { kind: 'outside_location'; detail: { distanceM: number; radiusM: number; accuracyM: number | null } }
	| { kind: 'no_location'; detail: { problem: LocationProblem; radiusM: number } };

/** Every way this check-in is out of place; empty when it is where it should be. */
export function placeFindings(rule: PlaceRule, ip: string, location: LocationReport | undefined): PlaceFinding[] {
	const found: PlaceFinding[] = [];
	if (!inRanges(ip, effectiveNetworks(rule))) found.push({ kind: 'outside_network', detail: { networks: rule.allowedNetworks ? 'session' : 'campus' } });
	const { locationLat: lat, locationLng: lng, locationRadiusM: radiusM } = rule;
	if (lat === null || lng === null || radiusM === null) return found;
	if (!location || 'problem' in location) {
		found.push({ kind: 'no_location', detail: { problem: location?.problem ?? 'missing', radiusM } });
		return found;
	}
	// Decided on the distance alone: the reported accuracy is the client's word too, and
	// crediting it would let any position pass by claiming a wide circle. It is kept for review.
	const d = distanceM({ lat, lng }, location);
	if (d > radiusM) {
		found.push({ kind: 'outside_location', detail: { distanceM: Math.round(d), radiusM, accuracyM: location.accuracyM === undefined ? null : Math.round(location.accuracyM) } });
	}
	return found;
}
