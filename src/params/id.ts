import type { ParamMatcher } from '@sveltejs/kit';
import { isRowId } from '$lib/validation/row-id';

// `[id=id]`, `[cohortId=id]`, …: a segment that is not a row id matches no route, so the
// request is a 404 before any load runs, and loads receive only ids PostgreSQL can hold.
export const match = ((param: string) => isRowId(param)) satisfies ParamMatcher;
