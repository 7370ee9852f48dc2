import type { TableError } from './errors';

/** What every import returns, to the API and to the CLI. */
export interface ImportReport {
  ok: boolean;
  imported: number;
  errors: TableError[];
}

export function importReport(imported: number, errors: TableError[]): ImportReport {
  return { ok: errors.length === 0, imported, errors };
}

/** `line 7, column uscc: check character should be 'T', got 'X'` */
export function formatTableError(error: TableError): string {
  if (error.line === 0) return `file: ${error.message}`;
  return error.column === ''
    ? `line ${error.line}: ${error.message}`
    : `line ${error.line}, column ${error.column}: ${error.message}`;
}

/** One line per error, then a summary line; ends with a newline. */
export function formatImportReport(report: ImportReport): string {
  const lines = report.errors.map(formatTableError);
  const n = report.errors.length;
  const imported = `${report.imported} record${report.imported === 1 ? '' : 's'} imported`;
  lines.push(report.ok ? imported : `${n} error${n === 1 ? '' : 's'}; ${imported}`);
  return `${lines.join('\n')}\n`;
}
