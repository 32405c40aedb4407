/**
 * `npm run bench:web`: the web app's goals, reported rather than asserted.
 * - Initial route at most 250 kB gzipped: index.html, the entry chunk with its static imports and
 *   CSS (from Vite's manifest), alone (the login page) and with the first signed-in page's lazy
 *   route (/datasets).
 * - First page interactive in under 1 s locally: navigation start → the app's
 *   `performance.mark('talaty:interactive')`, in headless Chromium against the local web server and
 *   API (its own local cloud in a temporary TALATY_HOME), over N loads each in a fresh browser
 *   context (empty cache), then N reloads with a warm cache.
 *
 *   npm run bench:web -- [--loads 15] [--datasets 25]
 */
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../test/e2e/browser.ts';
import { startTestCloud } from '../../test/local-cloud.ts';
import { buildWebApp } from '../../web/build.ts';
import { initialRouteSize, readManifest } from '../../web/bundle-size.ts';
import { INTERACTIVE_MARK } from '../../web/src/app/interactive-mark.ts';

const { values } = parseArgs({
  options: {
    loads: { type: 'string', default: '15' },
    datasets: { type: 'string', default: '25' },
  },
});
const loads = Number(values.loads);

const SIZE_GOAL_BYTES = 250 * 1000;
const INTERACTIVE_GOAL_MS = 1000;
const DATASETS_ROUTE = 'src/features/datasets/routes/datasets-page.tsx';

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const ratio = (value: number, goal: number) => `${((100 * value) / goal).toFixed(0)}% of the goal`;

function reportSize(dist: string): void {
  const manifest = readManifest(dist);
  const shell = initialRouteSize(dist, manifest);
  console.log('Initial route, gzip level 9 (brotli), goal 250 kB gzipped:');
  console.log(
    `  /login (shell)       ${kB(shell.gzip).padStart(9)} (${kB(shell.brotli)})  raw ${kB(shell.raw)}  ${shell.files.length} files  ${ratio(shell.gzip, SIZE_GOAL_BYTES)}`,
  );
  if (manifest[DATASETS_ROUTE] === undefined) {
    console.log(`  /datasets            (no ${DATASETS_ROUTE} in the build manifest)`);
    return;
  }
  const datasets = initialRouteSize(dist, manifest, [DATASETS_ROUTE]);
  console.log(
    `  /datasets (signed in)${kB(datasets.gzip).padStart(9)} (${kB(datasets.brotli)})  raw ${kB(datasets.raw)}  ${datasets.files.length} files  ${ratio(datasets.gzip, SIZE_GOAL_BYTES)}`,
  );
  for (const file of [...datasets.files].sort((a, b) => b.gzip - a.gzip).slice(0, 5)) {
    console.log(`    ${file.file.padEnd(44)} ${kB(file.gzip).padStart(9)} gzipped, ${kB(file.raw)} raw`);
  }
}

/** Milliseconds from navigation start to the app's interactive mark, for `loads` cold loads and as many warm reloads. */
async function measureInteractive(browser: Browser, url: string, user: string | null, n = loads) {
  const readMark = async (page: Page) => {
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, INTERACTIVE_MARK, {
      timeout: 30_000,
    });
    return page.evaluate((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN, INTERACTIVE_MARK);
  };
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < n; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    if (user !== null) await context.addInitScript(`localStorage.setItem('talaty.user', ${JSON.stringify(user)})`);
    const page = await context.newPage();
    await page.goto(url);
    cold.push(await readMark(page));
    await page.reload();
    warm.push(await readMark(page));
    await context.close();
  }
  return { cold, warm };
}

function summary(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  const max = sorted.at(-1) ?? Number.NaN;
  return `  ${label.padEnd(28)} median ${median.toFixed(0).padStart(4)} ms  max ${max.toFixed(0).padStart(4)} ms  (n=${sorted.length})  median ${ratio(median, INTERACTIVE_GOAL_MS)}`;
}

const build = await buildWebApp({ log: () => undefined });
console.log(`web app ${build.built ? 'built' : 'up to date'}: ${build.dir}\n`);
reportSize(build.dir);

const cloud = await startTestCloud(undefined, {}, {}, { web: true });
const browser = await launchBrowser();
try {
  for (let i = 0; i < Number(values.datasets); i++) {
    const created = await cloud.api.post('/datasets', { name: `bench-web-${i}` });
    if (created.status !== 201) throw new Error(`could not create a benchmark dataset: ${created.text}`);
  }
  const webUrl = cloud.cloud.webUrl as string;
  // One untimed load first: the API's execution environments start on their first call.
  await measureInteractive(browser, new URL('/datasets', webUrl).href, 'bench', 1);
  console.log(
    `\nFirst page interactive (navigation start → '${INTERACTIVE_MARK}'), goal < 1000 ms, ${loads} loads each:`,
  );
  const login = await measureInteractive(browser, new URL('/login', webUrl).href, null);
  console.log(summary('/login, cold cache', login.cold));
  console.log(summary('/login, warm cache', login.warm));
  const datasets = await measureInteractive(browser, new URL('/datasets', webUrl).href, 'bench');
  console.log(summary(`/datasets (${values.datasets} rows), cold`, datasets.cold));
  console.log(summary(`/datasets (${values.datasets} rows), warm`, datasets.warm));
} finally {
  await browser.close();
  await cloud.dispose();
}
