import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

// Debian's Chromium drives the browser tests; playwright's own browser download is never used.
const SKIP_MESSAGE = "Browser tests skipped: install Chromium with 'apt-get install chromium' or set CHROMIUM_PATH";

function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p)) ?? null;
}

export const chromiumPath = findChromium();

if (!chromiumPath) {
  if (process.env.E2E_REQUIRED === '1') {
    throw new Error(`E2E_REQUIRED=1 but no Chromium was found (CHROMIUM_PATH=${process.env.CHROMIUM_PATH ?? ''}, /usr/bin/chromium)`);
  }
  console.warn(SKIP_MESSAGE);
}

/** Use as `describe.skipIf(noBrowser)(…)`. */
export const noBrowser = chromiumPath === null;

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error(SKIP_MESSAGE);
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
