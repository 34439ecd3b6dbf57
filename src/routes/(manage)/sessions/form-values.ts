// Shared by the new and edit pages: the form's values from a session row or from a failed post.
export interface SessionFormValues {
	title: string;
	kind: string;
	startsAt: string;
	endsAt: string;
	place: string;
	instructorId: string;
	creditHours: string;
	checkoutRequired: boolean;
	checkinOpensMin: string;
	lateAfterMin: string;
	checkinClosesMin: string;
	codeSeconds: string;
	networkMode: string;
	allowedNetworks: string;
	locationLat: string;
	locationLng: string;
	locationRadiusM: string;
	checkInPolicy: string;
}

export function valuesFromForm(v: Record<string, string>): SessionFormValues {
	return {
		title: v.title ?? '',
		kind: v.kind ?? 'lecture',
		startsAt: v.startsAt ?? '',
		endsAt: v.endsAt ?? '',
		place: v.place ?? '',
		instructorId: v.instructorId ?? '',
		creditHours: v.creditHours ?? '',
		checkoutRequired: v.checkoutRequired === 'on',
		checkinOpensMin: v.checkinOpensMin ?? '',
		lateAfterMin: v.lateAfterMin ?? '',
		checkinClosesMin: v.checkinClosesMin ?? '',
		codeSeconds: v.codeSeconds ?? '',
		networkMode: v.networkMode ?? 'school',
		allowedNetworks: v.allowedNetworks ?? '',
		locationLat: v.locationLat ?? '',
		locationLng: v.locationLng ?? '',
		locationRadiusM: v.locationRadiusM ?? '',
		checkInPolicy: v.checkInPolicy ?? 'enforce'
	};
}
