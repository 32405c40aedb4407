/**
 * Datasets in the browser, end to end against the local cloud: create a dataset, be told next to
 * the name field that a name is taken, edit it, upload a CSV straight to S3 with a progress bar, follow
 * profiling to READY (or cancel an upload under way), read the profile (a histogram drawn, a column's missing share, the target's
 * share of 1s) and download the very bytes that were uploaded. Each page fits a 1366×768 screen and
 * logs no error.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Route } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot } from './browser.ts';
import { signIn, useE2eCloud } from './cloud.ts';
import { apiCallsDuring, fitsWidth } from './pages.ts';

const CSV = fileURLToPath(new URL('../fixtures/datasets/hmeq/hmeq.csv', import.meta.url));
const NAME = 'hmeq-e2e';

/** What the profile must say, computed here from the file: REASON's missing share and BAD's rate. */
function expected() {
  const bytes = readFileSync(CSV);
  const [header = '', ...rows] = bytes.toString('utf8').trim().split(/\r?\n/);
  const names = header.split(',');
  const cell = (row: string, name: string) => row.split(',')[names.indexOf(name)] ?? '';
  const missingReason = rows.filter((r) => cell(r, 'REASON') === '').length / rows.length;
  const shareOf1 = rows.filter((r) => cell(r, 'BAD') === '1').length / rows.length;
  return {
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    missingReason: `${(missingReason * 100).toFixed(1)} %`,
    shareOf1: `${(shareOf1 * 100).toFixed(2)} %`,
  };
}

const MiB = 1024 * 1024;
/** expect.poll waits 1 s unless told: too short on a machine busy with other tests. */
const POLL = { timeout: 30_000 };
/** Small parts, so a file of a few MiB goes up in parts (presigned in batches, ETags read through CORS). */
const e2e = useE2eCloud({ functionEnv: { TALATY_UPLOAD_PART_BYTES: String(5 * MiB) } });

/** Files the tests write. */
const scratch = mkdtempSync(join(tmpdir(), 'talaty-e2e-datasets-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A CSV of about `mib` MiB: an id, an amount, a grade and a 0/1 target, the same every time. */
function syntheticCsv(mib: number): { path: string; rows: number; bytes: Buffer } {
  const lines = ['id,amount,grade,bad'];
  let size = lines[0]?.length ?? 0;
  let seed = 7;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  while (size < mib * MiB) {
    const line = `${lines.length},${(next() * 50_000).toFixed(2)},${'ABCDE'[Math.floor(next() * 5)]},${next() < 0.2 ? 1 : 0}`;
    lines.push(line);
    size += line.length + 1;
  }
  const bytes = Buffer.from(`${lines.join('\n')}\n`);
  const path = join(scratch, 'loans.csv');
  writeFileSync(path, bytes);
  return { path, rows: lines.length - 1, bytes };
}

/** On a dataset's page: chooses a file, uploads it and waits for the progress bar to fill. */
async function upload(page: Page, file: string, size: number): Promise<void> {
  await page.getByLabel('File', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  const progress = page.getByRole('progressbar', { name: 'Upload progress' });
  await expect
    .poll(async () => [await progress.getAttribute('value'), await progress.getAttribute('max')], POLL)
    .toEqual([String(size), String(size)]);
}

describe('datasets in the web app', () => {
  it('creates a dataset, refuses a taken name, uploads a CSV and shows its READY profile', async () => {
    const want = expected();
    const { page, expectClean, close } = await e2e().openPage({
      allow: [{ status: 409, method: 'POST', url: /\/datasets$/ }],
    });
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      await signIn(page, 'e2e-datasets');
      await page.getByRole('heading', { level: 1, name: 'Datasets' }).waitFor();

      // No datasets yet; creating one opens its page.
      await page.getByText('No datasets yet').waitFor();
      await page.getByRole('button', { name: 'New dataset' }).click();
      await page.getByLabel('Name', { exact: true }).fill(NAME);
      await page.getByLabel('Description', { exact: true }).fill('Home equity loans, for the end-to-end test.');
      await page.getByLabel('Tags', { exact: true }).fill('e2e, public');
      await screenshot(page, 'datasets-new');
      await expectAccessible(page, 'datasets-new');
      await page.getByRole('button', { name: 'Create dataset' }).click();
      await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
      const datasetPath = new URL(page.url()).pathname;
      expect(datasetPath).toMatch(/^\/datasets\/[0-9a-f-]{36}$/);

      // The same name again: the API's 409 appears next to the name field.
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Datasets' }).click();
      await page.getByRole('heading', { level: 1, name: 'Datasets' }).waitFor();
      await page
        .getByRole('row', { name: new RegExp(NAME) })
        .filter({ hasText: 'none yet' })
        .waitFor();
      await page.getByRole('button', { name: 'New dataset' }).click();
      const name = page.getByLabel('Name', { exact: true });
      const nameId = await name.getAttribute('id');
      await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id'), POLL).toBe(nameId);
      await name.fill(NAME);
      await name.press('Enter');
      const nameError = page.getByRole('alert').filter({ hasText: 'taken' });
      await nameError.waitFor();
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      expect(await name.getAttribute('aria-describedby')).toContain(await nameError.getAttribute('id'));
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'datasets-taken-name');
      await expectAccessible(page, 'datasets-taken-name');

      // Editing sends the row version it read (If-Match).
      await page.getByRole('link', { name: NAME, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
      await page.getByRole('button', { name: 'Edit dataset' }).click();
      await page.getByLabel('Description', { exact: true }).fill('Home equity loans (HMEQ), 5,960 applicants.');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Home equity loans (HMEQ), 5,960 applicants.').waitFor();
      await expect
        .poll(() => page.getByRole('button', { name: 'Edit dataset' }).getAttribute('aria-expanded'), POLL)
        .toBe('false');
      expect(await page.evaluate<string | undefined>('document.activeElement?.textContent')).toBe('Edit dataset');

      // Upload: bytes to S3 with a progress bar, then profiling followed to READY.
      await page.getByLabel('Target column', { exact: true }).fill('BAD');
      await upload(page, CSV, want.bytes.length);
      expect(await page.getByLabel('Format', { exact: true }).inputValue()).toBe('csv');
      await page.getByRole('status').filter({ hasText: 'Version 1 is READY' }).waitFor({ timeout: 60_000 });
      const row = page.getByRole('row', { name: /Version 1/ });
      expect(await row.textContent()).toContain('READY');
      expect(await row.textContent()).toContain(want.sha256.slice(0, 12));
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'dataset-uploaded');
      await expectAccessible(page, 'dataset-uploaded');

      // The version: facts, profile (histograms drawn, missing share, the target's share of 1s) and a download link.
      await page.getByRole('link', { name: 'Open version 1' }).click();
      await page.getByRole('heading', { level: 1, name: `${NAME} · version 1` }).waitFor();
      const histogram = page.getByRole('img', { name: /^Histogram of LOAN from/ });
      await histogram.waitFor();
      expect(await histogram.locator('rect').count()).toBeGreaterThan(3);
      expect(await page.getByRole('img', { name: /^Most frequent values of REASON: DebtCon/ }).count()).toBe(1);
      const reason = page.getByRole('row', { name: /^REASON/ });
      expect(await reason.getByRole('cell').nth(1).textContent()).toBe(want.missingReason);
      expect(await page.getByRole('region', { name: /Target/ }).textContent()).toContain(`Share of 1${want.shareOf1}`);
      expect(await page.getByText(want.sha256, { exact: true }).count()).toBe(1);
      const download = page.getByRole('link', { name: new RegExp(`^Download ${NAME}-v1\\.csv`) });
      const href = await download.getAttribute('href');
      expect(href).not.toBeNull();
      const bytes = Buffer.from(await (await fetch(href ?? '')).arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(want.sha256);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'dataset-version');
      await expectAccessible(page, 'dataset-version');

      // The list shows each dataset's newest version and status from one call, none per dataset.
      const listed = page.getByRole('row', { name: new RegExp(NAME) });
      const calls = await apiCallsDuring(page, async () => {
        await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Datasets' }).click();
        await listed.filter({ hasText: 'READY' }).waitFor();
      });
      expect(await listed.getByRole('link', { name: 'Version 1' }).count()).toBe(1);
      expect(calls).toEqual(['/datasets']);
      expectClean();
    } finally {
      await close();
    }
  }, 180_000);

  it('uploads a file of several parts from the browser, and shows why a version FAILED', async () => {
    const big = syntheticCsv(11);
    const { page, expectClean, close } = await e2e().openPage();
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      // The dataset comes from the API: this test is about uploads, and stands alone.
      const created = await e2e().cloud.api.post<{ id: string }>('datasets', { name: 'loans-e2e' });
      expect(created.status).toBe(201);
      await signIn(page, 'e2e-datasets-parts');
      await page.goto(`/datasets/${created.body.id}`);
      await page.getByRole('heading', { level: 1, name: 'loans-e2e' }).waitFor();

      // 11 MiB in parts of 5 MiB: three PUTs, committed with their ETags, then profiled.
      await upload(page, big.path, big.bytes.length);
      await page.getByRole('status').filter({ hasText: 'Version 1 is READY' }).waitFor({ timeout: 60_000 });
      const first = page.getByRole('row', { name: /Version 1/ });
      expect(await first.textContent()).toContain(big.rows.toLocaleString('en-US'));
      expect(await first.textContent()).toContain(createHash('sha256').update(big.bytes).digest('hex').slice(0, 12));

      // A row with a field too many: profiling fails, and says where.
      const ragged = join(scratch, 'ragged.csv');
      const raggedBytes = Buffer.from('id,amount\n1,10\n2,20,extra\n');
      writeFileSync(ragged, raggedBytes);
      await upload(page, ragged, raggedBytes.length);
      const failed = page.getByRole('status').filter({ hasText: 'Version 2 FAILED' });
      await failed.waitFor({ timeout: 60_000 });
      expect(await failed.textContent()).toMatch(/line 3/i);
      expect(await page.getByRole('row', { name: /Version 2/ }).textContent()).toMatch(/FAILED.*line 3/is);
      await screenshot(page, 'dataset-failed-version');
      await expectAccessible(page, 'dataset-failed-version');

      // Cancelled while its parts are on their way (held back here, so the click comes first): the
      // version is given up and says who did it; the focus moves to the status.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const isPart = (url: URL) => url.searchParams.has('partNumber');
      const holdPart = async (route: Route) => {
        await held;
        await route.continue().catch(() => undefined);
      };
      await page.route(isPart, holdPart);
      await page.getByLabel('File', { exact: true }).setInputFiles(big.path);
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await page.getByRole('button', { name: 'Cancel upload' }).click();
      const cancelled = page.getByRole('status').filter({ hasText: 'cancelled' });
      await cancelled.waitFor();
      await expect
        .poll(() => page.evaluate<string | null>('document.activeElement?.getAttribute("role")'), POLL)
        .toBe('status');
      release();
      await page.unroute(isPart, holdPart);
      const third = page.getByRole('row', { name: /Version 3/ });
      await third.filter({ hasText: 'FAILED' }).waitFor();
      expect(await third.textContent()).toContain('cancelled by e2e-datasets-parts');
      expect(await page.getByRole('button', { name: 'Cancel upload' }).count()).toBe(0);
      expect(await page.getByRole('alert').count()).toBe(0);
      await screenshot(page, 'dataset-upload-cancelled');

      await page.getByRole('link', { name: 'Version 2', exact: true }).click();
      await page.waitForURL((url) => url.pathname.endsWith('/versions/2'));
      await page.getByRole('heading', { level: 1, name: 'loans-e2e · version 2' }).waitFor();
      await page.getByText(/Profiling failed/).waitFor();
      expect(await page.getByRole('link', { name: /^Download/ }).count()).toBe(0);
      expectClean();
    } finally {
      await close();
    }
  }, 180_000);
});
