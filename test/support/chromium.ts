// Real Chromium for end-to-end tests: Debian's build driven by playwright-core, with the flags
// that work headless on this kind of machine, and full-page screenshots of a failing step.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve('test-results', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}. Install it with \`apt-get update && apt-get install -y chromium\` ` +
        '(as root; `.ci/run` does this), then run the end-to-end tests again.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
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

/**
 * Runs one step of a journey; if it fails, a full-page screenshot of the page it was on is
 * written before the error goes on, and the error names the file.
 */
export async function step<T>(name: string, page: () => Page, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = join(SCREENSHOT_DIR, `${new Date().toISOString().replace(/[:.]/g, '-')}-${name.replace(/[^\w-]+/g, '-')}.png`);
    const saved = await page()
      .screenshot({ path: file, fullPage: true })
      .then(() => `screenshot: ${file}`)
      .catch((screenshotError: unknown) => `no screenshot: ${String(screenshotError)}`);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`step "${name}" failed at ${page().url()} (${saved}): ${reason}`, { cause: error });
  }
}
