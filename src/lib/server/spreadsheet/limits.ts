// How big an imported spreadsheet may be: small enough to read in one request's memory.
// No dependencies, so that the request guard can size upload routes without loading a reader.

export const MAX_SHEET_BYTES = 5 * 1024 * 1024;
export const MAX_SHEET_ROWS = 20_000;
/** Columns read; every import template has far fewer. */
export const MAX_SHEET_COLUMNS = 100;
/**
 * All of an .xlsx's parts, inflated. A file says how big its parts are, but nothing makes that
 * true: the bytes are counted as they come. A 20 000-row, 15-column roster unpacks to ~23 MB,
 * and the reader then holds ~9× that while it builds the workbook.
 */
export const MAX_SHEET_UNPACKED = 32 * 1024 * 1024;
