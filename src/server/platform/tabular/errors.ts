/**
 * One problem found in an imported file.
 * - `line` is the line (CSV) or row (XLSX) number with the header as line 1; 0 means the whole file.
 * - `column` is the header name; '' means the whole row (or file).
 */
export interface TableError {
  line: number;
  column: string;
  message: string;
}

/** The file as a whole cannot be read (not UTF-8, broken quoting, not an xlsx, no header…). */
export class TableFileError extends Error {
  override readonly name = 'TableFileError';
  /** Line where the reader gave up, when known. */
  readonly line: number | null;

  constructor(message: string, line: number | null = null) {
    super(message);
    this.line = line;
  }

  toTableError(): TableError {
    return { line: this.line ?? 0, column: '', message: this.message };
  }
}
