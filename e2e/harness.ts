import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { startServer } from '../src/server/main';
import { launchBrowser } from './browser';

const repoRoot = path.resolve(import.meta.dirname, '..');
const webDir = path.join(repoRoot, 'dist/web');

/** `npm test` builds the web app first; running the e2e project alone builds it here. */
function ensureWebBuilt(): void {
  if (existsSync(path.join(webDir, 'index.html'))) return;
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`vite build failed with exit code ${result.status}`);
}

export interface E2E {
  url: string;
  browser: Browser;
  /** A fresh browser context (own cookies and localStorage) with one page. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The real server on a fresh in-memory database with the demo seed, and a headless Chromium. The database is
 * loaded from the run's migrated and seeded template (test/global-setup.ts): each file still gets its own copy.
 */
export async function startE2E(): Promise<E2E> {
  ensureWebBuilt();
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: 'memory://',
    pgliteTemplate: new Blob([readFileSync(inject('pgliteTemplate'))]),
    seedDemo: true,
    webDir,
    logLevel: 'silent',
  });
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await server.close();
    throw err;
  }
  const contexts: BrowserContext[] = [];
  return {
    url: server.url,
    browser,
    async newPage() {
      const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
      contexts.push(context);
      // Generous for a busy 2-core CI machine; a waited-for element that never comes still fails within the test's 60 s.
      context.setDefaultTimeout(30_000);
      return context.newPage();
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}
