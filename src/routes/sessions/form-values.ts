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
	allowedNetworks: string;
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
		allowedNetworks: v.allowedNetworks ?? ''
	};
}
