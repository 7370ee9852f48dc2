import type { FastifyReply } from 'fastify';
import { fenToYuan as fenText, writeCsv, writeXlsx } from '../../platform/tabular';

// What every report's CSV/XLSX download shares (the funnel, product statistics, the bank assessment): one sheet
// of a header and rows, money cells in yuan — text with two decimals in CSV, a number in XLSX — and the HTTP
// reply that sends it as an attachment.

export type FileFormat = 'csv' | 'xlsx';
export type ReportFormat = 'json' | FileFormat;

/** A money cell: integer fen inside, yuan in the file. */
export interface MoneyCell {
  fen: number;
}
export const money = (fen: number): MoneyCell => ({ fen });
const isMoney = (v: unknown): v is MoneyCell => typeof v === 'object' && v !== null && 'fen' in v;

export interface ReportSheet {
  /** The XLSX sheet's name (31 characters at most). */
  name: string;
  headers: string[];
  rows: (string | number | null | MoneyCell)[][];
}

export async function reportFile(sheet: ReportSheet, format: FileFormat): Promise<Buffer> {
  if (format === 'csv') return writeCsv(sheet.headers, sheet.rows.map((r) => r.map((c) => (isMoney(c) ? fenText(c.fen) : c))));
  const keys = sheet.headers.map((_, i) => `c${i}`);
  return writeXlsx([{
    name: sheet.name,
    columns: sheet.headers.map((header, i) => ({ header, key: keys[i]!, width: 14 })),
    rows: sheet.rows.map((r) => Object.fromEntries(keys.map((k, i) => {
      const c = r[i];
      return [k, isMoney(c) ? Number(fenText(c.fen)) : c];
    }))),
  }]);
}

export const CONTENT_TYPES: Record<FileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Sends a report file as a download named `filename` (ASCII: the name goes into the header as is). */
export function sendReportFile(reply: FastifyReply, format: FileFormat, filename: string, body: Buffer) {
  return reply.type(CONTENT_TYPES[format]).header('content-disposition', `attachment; filename="${filename}"`).send(body);
}
