// A certificate's dates are calendar dates ('YYYY-MM-DD'); today's is shanghaiDate() in lib/time/shanghai.ts.

/** The last day of validity: issued 2026-05-08 for 24 months → 2028-05-07 (day clamped to the month). */
export function validUntil(issuedOn: string, months: number): string | null {
	if (months <= 0) return null;
	const [y, m, d] = issuedOn.split('-').map(Number);
	const target = m - 1 + months;
	const year = y + Math.floor(target / 12);
	const month = target % 12;
	const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	const end = new Date(Date.UTC(year, month, Math.min(d, last)) - 86_400_000);
	return end.toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' plus days. */
export function addDays(date: string, days: number) {
	return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
