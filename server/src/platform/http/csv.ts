/**
 * CSV that is safe to open in a spreadsheet (RFC 4180 with CRLF line ends). Every export the app
 * offers (the audit trail, the managers' reports) is written with these two functions.
 */

/**
 * One CSV cell, safe to open in a spreadsheet: always quoted, and a value a spreadsheet would run
 * as a formula (=, +, -, @, tab, carriage return first) is prefixed with an apostrophe (OWASP).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  const defused = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${defused.replaceAll('"', '""')}"`;
}

/** A header line and one line per row, each cell through csvCell. */
export function csvDocument(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  const lines = [header.join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  return lines.join('\r\n') + '\r\n';
}
