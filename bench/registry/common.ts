// Small helpers shared by the registry benchmarks: arguments, throw-away PostgreSQL databases, tables.
import os from 'node:os';
import pg from 'pg';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

export type Target = 'postgres' | 'pglite';

export interface BenchArgs {
  rows: number;
  targets: Target[];
  adminUrl: string;
  /** Internal: set in the child process that runs one target. */
  worker: Target | null;
  values: Record<string, string>;
}

/** `--rows N`, `--targets postgres,pglite`, `--admin-url URL`, plus any `--name value` the bench reads itself. */
export function parseArgs(argv: string[]): BenchArgs {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument '${a}'`);
    const [key, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${key} needs a value`);
    values[key] = value;
  }
  const rows = Number(values.rows ?? 100_000);
  if (!Number.isInteger(rows) || rows < 1 || rows > 1_000_000) throw new Error('--rows must be a whole number from 1 to 1000000');
  const targets = (values.targets ?? 'postgres,pglite').split(',').map((t) => t.trim());
  for (const t of targets) if (t !== 'postgres' && t !== 'pglite') throw new Error(`unknown target '${t}' (postgres, pglite)`);
  const worker = values.worker ?? null;
  if (worker !== null && worker !== 'postgres' && worker !== 'pglite') throw new Error(`unknown worker '${worker}'`);
  const adminUrl = values['admin-url'] ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL;
  const host = new URL(adminUrl).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`the benchmarks run on loopback only; ${host} is not local`);
  return { rows, targets: targets as Target[], adminUrl, worker: worker as Target | null, values };
}

export function numberArg(args: BenchArgs, name: string, fallback: number, min: number, max: number): number {
  const raw = args.values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max}`);
  return n;
}

/** Drops (if present) and creates a database next to the admin URL's; returns its URL. */
export async function recreateDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^kcjr_bench[a-z0-9_]*$/.test(name)) throw new Error(`refusing to recreate '${name}': bench databases are named kcjr_bench*`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return databaseUrl(adminUrl, name);
}

/** The URL of the database `name` next to the admin URL's. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^kcjr_bench[a-z0-9_]*$/.test(name)) throw new Error(`refusing to drop '${name}'`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

/** Peak resident set size of this process so far, in MiB (getrusage ru_maxrss). */
export const peakRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);

export const machine = () => ({
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
  memGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  /** Other work on the machine skews every figure; recorded so a reader can tell. */
  loadAverage: os.loadavg().map((x) => round(x, 1)),
});

/** A plain-text table with right-aligned numbers, for the terminal and for pasting into docs. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) =>
    '| ' + r.map((c, i) => (i === 0 ? c + ' '.repeat(widths[i]! - width(c)) : ' '.repeat(widths[i]! - width(c)) + c)).join(' | ') + ' |';
  return [line(cells[0]!), '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|', ...cells.slice(1).map(line)].join('\n');
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 2);
}

/** Display width: CJK characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
