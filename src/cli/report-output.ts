import fs from 'node:fs';
import { UsageError, type CliIo } from './io';

// What every `kcjr report …` and `kcjr assess …` command shares: the --year check, --format xlsx needing --out,
// and writing the body to --out or standard output.

export function parseYear(text: string, option = '--year'): number {
  if (!/^\d{4}$/.test(text) || Number(text) < 2000 || Number(text) > 2200) throw new UsageError(`${option} must be a year from 2000 to 2200, got '${text}'`);
  return Number(text);
}

export function checkOut(format: string, out: string | undefined) {
  if (format === 'xlsx' && !out) throw new UsageError('--format xlsx needs --out FILE');
}

export function writeReportOutput(io: CliIo, out: string | undefined, body: Buffer) {
  if (out) {
    fs.writeFileSync(out, body);
    io.out(`wrote ${out}\n`);
  } else io.out(body.toString('utf8'));
}
