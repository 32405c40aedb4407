/**
 * Headless Chromium for the end-to-end tests: Debian's `chromium` (or TALATY_CHROMIUM) driven by
 * playwright-core. `openPage` gives a fresh context (its own storage, a 1440×900 viewport) whose
 * page records every console error or warning, uncaught page error, failed request and 4xx/5xx
 * response; `expectClean()` fails the test on any of them that the test did not allow (an error
 * test allows the responses it provokes). `screenshot(page, name)` saves
 * `test/e2e/screenshots/<name>.png` (git-ignored). `expectAccessible(page, name)` runs axe-core's
 * WCAG 2.1 A/AA rules on the page as it is and fails with one line per violating element.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** Flags for a quiet, reproducible headless run in a container (no sandbox as root, no GPU, no phoning home). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function chromiumPath(): string {
  const path = process.env.TALATY_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`No Chromium at ${path}: install Debian's (apt-get install -y chromium) or set TALATY_CHROMIUM.`);
  }
  return path;
}

/** Launches headless Chromium; each `openPage` gets its own context, so one browser serves a whole test file. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** A response the test provokes on purpose (e.g. a 409 in an error test): not a problem. */
export interface AllowedResponse {
  readonly status: number;
  /** A URL pattern; any URL when left out. */
  readonly url?: RegExp;
  /** @default any method */
  readonly method?: string;
}

export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** What went wrong so far, one readable line each (allowed responses left out). */
  problems(): string[];
  /** Fails the test when any problem was recorded. */
  expectClean(): void;
  close(): Promise<void>;
}

export interface PageOptions {
  /** Relative `page.goto` paths resolve against it (the local web app). */
  readonly baseURL?: string;
  readonly allow?: readonly AllowedResponse[];
  /** Ignore the page's Content-Security-Policy (a test that plays a third-party origin the policy does not name). */
  readonly bypassCSP?: boolean;
}

export async function openPage(browser: Browser, options: PageOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
    ...(options.bypassCSP === true ? { bypassCSP: true } : {}),
  });
  const page = await context.newPage();
  /** Each problem, with the resource URL when it is the browser's own "Failed to load resource" line. */
  const recorded: Array<{ readonly text: string; readonly failedLoad?: string }> = [];
  /** URLs of allowed error responses: the browser's "Failed to load resource" line for them is expected too. */
  const allowedUrls = new Set<string>();
  const allowed = (status: number, method: string, url: string) =>
    (options.allow ?? []).some(
      (rule) =>
        rule.status === status &&
        (rule.method === undefined || rule.method.toUpperCase() === method) &&
        (rule.url === undefined || rule.url.test(url)),
    );

  page.on('console', (message) => {
    const type = message.type();
    if (type !== 'error' && type !== 'warning') return;
    const at = message.location().url;
    const text = `console ${type}: ${message.text()}${at === '' ? '' : ` (${at})`}`;
    recorded.push(message.text().startsWith('Failed to load resource') ? { text, failedLoad: at } : { text });
  });
  page.on('pageerror', (error) => recorded.push({ text: `page error: ${error.stack ?? error.message}` }));
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'failed';
    // Cancelled on purpose (a query aborted on navigation, a superseded load): not a failure.
    if (failure === 'net::ERR_ABORTED') return;
    recorded.push({ text: `request failed: ${request.method()} ${request.url()}: ${failure}` });
  });
  page.on('response', (response) => {
    const status = response.status();
    if (status < 400) return;
    const method = response.request().method();
    if (allowed(status, method, response.url())) allowedUrls.add(response.url());
    else recorded.push({ text: `HTTP ${status}: ${method} ${response.url()}` });
  });
  // The console line may come before or after its response: allowed ones are left out when asked.
  const problems = () =>
    recorded.filter((p) => p.failedLoad === undefined || !allowedUrls.has(p.failedLoad)).map((p) => p.text);

  return {
    page,
    context,
    problems,
    expectClean: () => expect(problems(), 'console errors, page errors or failed requests').toEqual([]),
    close: () => context.close(),
  };
}

/** Saves a full-page screenshot as `test/e2e/screenshots/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/** The rule sets checked: WCAG 2.0 and 2.1, levels A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core on the page as it is now (injected through the debugging protocol, so the app's CSP
 * does not stand in the way) and fails the test with one line per violating element: the rule, its
 * impact, the element's selector and what the rule asks for. `name` says which page it was. The
 * failure is soft: the test goes on and fails at its end, with every checked page's violations.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // The page's globals via globalThis: the root tsconfig has no DOM library.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(`${axe.source}\n;undefined`);
  const violations = await page.evaluate(async (tags) => {
    const results = await (globalThis as unknown as { axe: typeof axe }).axe.run({
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, WCAG_TAGS);
  const lines = violations.flatMap((v) => v.targets.map((target) => `${v.id} (${v.impact}) at ${target}: ${v.help}`));
  // Soft: a test that checks several pages reports every page's violations, not just the first.
  expect.soft(lines, `accessibility violations (axe-core, WCAG 2.1 A/AA) on ${name}`).toEqual([]);
}
