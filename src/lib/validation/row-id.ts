// The one rule for a row id as a URL or a form writes it. No dependencies: the route matcher
// (src/params/id.ts) runs in the browser too.

/** The largest value of PostgreSQL's integer, the type of every id column. */
export const MAX_ROW_ID = 2_147_483_647;

/** Whether `v` is a positive integer that an id column can hold (digits only: no sign, no exponent). */
export function isRowId(v: string) {
	return /^\d{1,10}$/.test(v) && Number(v) > 0 && Number(v) <= MAX_ROW_ID;
}
