// CSV as RFC 4180 says (CRLF rows, quoted fields where needed, quotes doubled), UTF-8, with an
// optional BOM so spreadsheet apps pick the encoding. Cells that a spreadsheet would run as a
// formula (starting with = + - @, tab or CR) are prefixed with a single quote: an exported
// finding title must never execute on an auditor's machine.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

export const UTF8_BOM = "\uFEFF";
