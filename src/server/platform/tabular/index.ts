// Shared CSV/XLSX import and export: every import (enterprises, institutions, products,
// applications, loans, rounds, events) is a header row, one record per row, strict
// columns, and a row-level error report.
export { type CellResult, fenToYuan, parseBoolean, parseDate, parseDecimal, parseInteger, parseYuanToFen } from './cells';
export { type Column, type ColumnKind, type ColumnSchema, type RecordOf, col, defineColumns } from './columns';
export { type TableError, TableFileError } from './errors';
export { type ParseOptions, type ParsedRows, parseRows, parseTableFile } from './parse-rows';
export { type Table, type TableFormat, type TableRow, cellText, detectFormat, readCsv, readTable } from './read-table';
export { type ImportReport, formatImportReport, formatTableError, importReport } from './report';
export { type XlsxSheet, writeCsv, writeXlsx } from './write';
