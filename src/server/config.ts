import path from 'node:path';

/** Everything the server and the CLI read from the environment, resolved once. */
export interface AppConfig {
  /** postgres://… for PostgreSQL; undefined for embedded PGlite. */
  databaseUrl: string | undefined;
  /** PGlite data directory, or 'memory://' for an in-memory database (tests). */
  dataDir: string;
  port: number;
  host: string;
  logLevel: string;
  /** Directory with the built web app (index.html); served at / when present. */
  webDir: string;
  /** Secure cookies: on when the platform is served behind TLS. */
  secureCookies: boolean;
  sessionTtlHours: number;
  /** Failed sign-ins before a lock-out, and its length. */
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** Largest JSON body; uploads have their own limit. */
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  /** Font with Chinese glyphs for report-pack PDFs (a .ttc may name its face: file.ttc#PostScriptName). */
  pdfFont: string;
}

/** Debian's fonts-noto-cjk (simplified-Chinese face of the collection). */
export const DEFAULT_PDF_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const config: AppConfig = {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.KCJR_DATA_DIR || path.resolve('data'),
    port: intFromEnv(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    logLevel: env.LOG_LEVEL || 'info',
    webDir: env.KCJR_WEB_DIR || path.resolve('dist/web'),
    secureCookies: env.KCJR_SECURE_COOKIES === '1',
    sessionTtlHours: intFromEnv(env, 'KCJR_SESSION_TTL_HOURS', 12),
    lockoutThreshold: intFromEnv(env, 'KCJR_LOCKOUT_THRESHOLD', 5),
    lockoutMinutes: intFromEnv(env, 'KCJR_LOCKOUT_MINUTES', 15),
    bodyLimitBytes: 1024 * 1024,
    uploadLimitBytes: intFromEnv(env, 'KCJR_UPLOAD_LIMIT_BYTES', 20 * 1024 * 1024),
    pdfFont: env.KCJR_PDF_FONT || DEFAULT_PDF_FONT,
  };
  return { ...config, ...overrides };
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number, got '${raw}'`);
  return Number(raw);
}
