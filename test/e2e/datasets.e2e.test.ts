/**
 * Datasets in the browser, end to end against the local cloud: create a dataset, be told next to
 * the name field that a name is taken, edit it, upload a CSV straight to S3 with a progress bar, follow
 * profiling to READY, read the profile (a histogram drawn, a column's missing share, the target's
 * bad rate) and download the very bytes that were uploaded. Each page fits a 1366×768 screen and
 * logs no error.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.ts';
import { signIn, useE2eCloud } from './cloud.ts';

const CSV = fileURLToPath(new URL('../fixtures/datasets/hmeq/hmeq.csv', import.meta.url));
const NAME = 'hmeq-e2e';

/** What the profile must say, computed here from the file: REASON's missing share and BAD's rate. */
function expected() {
  const bytes = readFileSync(CSV);
  const [header = '', ...rows] = bytes.toString('utf8').trim().split(/\r?\n/);
  const names = header.split(',');
  const cell = (row: string, name: string) => row.split(',')[names.indexOf(name)] ?? '';
  const missingReason = rows.filter((r) => cell(r, 'REASON') === '').length / rows.length;
  const badRate = rows.filter((r) => cell(r, 'BAD') === '1').length / rows.length;
  return {
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    missingReason: `${(missingReason * 100).toFixed(1)} %`,
    badRate: `${(badRate * 100).toFixed(2)} %`,
  };
}

/** No horizontal scrolling on a 1366-pixel-wide screen. */
const fitsWidth = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

const e2e = useE2eCloud();

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

      // No datasets yet: the form is open; creating one opens its page.
      await page.getByLabel('Name', { exact: true }).fill(NAME);
      await page.getByLabel('Description', { exact: true }).fill('Home equity loans, for the end-to-end test.');
      await page.getByLabel('Tags', { exact: true }).fill('e2e, public');
      await screenshot(page, 'datasets-new');
      await page.getByRole('button', { name: 'Create dataset' }).click();
      await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
      const datasetPath = new URL(page.url()).pathname;
      expect(datasetPath).toMatch(/^\/datasets\/[0-9a-f-]{36}$/);

      // The same name again: the API's 409 appears next to the name field.
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Datasets' }).click();
      await page.getByRole('heading', { level: 1, name: 'Datasets' }).waitFor();
      await expect.poll(() => page.getByRole('row', { name: new RegExp(NAME) }).textContent()).toContain('none yet');
      await page.getByRole('button', { name: 'New dataset' }).click();
      const name = page.getByLabel('Name', { exact: true });
      const nameId = await name.getAttribute('id');
      await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe(nameId);
      await name.fill(NAME);
      await name.press('Enter');
      const nameError = page.getByRole('alert').filter({ hasText: 'taken' });
      await nameError.waitFor();
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      expect(await name.getAttribute('aria-describedby')).toContain(await nameError.getAttribute('id'));
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'datasets-taken-name');

      // Editing sends the row version it read (If-Match).
      await page.getByRole('link', { name: NAME, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
      await page.getByRole('button', { name: 'Edit dataset' }).click();
      await page.getByLabel('Description', { exact: true }).fill('Home equity loans (HMEQ), 5,960 applicants.');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Home equity loans (HMEQ), 5,960 applicants.').waitFor();
      await expect
        .poll(() => page.getByRole('button', { name: 'Edit dataset' }).getAttribute('aria-expanded'))
        .toBe('false');

      // Upload: bytes to S3 with a progress bar, then profiling followed to READY.
      await page.getByLabel('File', { exact: true }).setInputFiles(CSV);
      expect(await page.getByLabel('Format', { exact: true }).inputValue()).toBe('csv');
      await page.getByLabel('Target column', { exact: true }).fill('BAD');
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      const progress = page.getByRole('progressbar', { name: 'Upload progress' });
      await progress.waitFor();
      await expect
        .poll(async () => [await progress.getAttribute('value'), await progress.getAttribute('max')])
        .toEqual([String(want.bytes.length), String(want.bytes.length)]);
      await page.getByRole('status').filter({ hasText: 'Version 1 is READY' }).waitFor({ timeout: 60_000 });
      const row = page.getByRole('row', { name: /Version 1/ });
      expect(await row.textContent()).toContain('READY');
      expect(await row.textContent()).toContain(want.sha256.slice(0, 12));
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'dataset-uploaded');

      // The version: facts, profile (histograms drawn, missing share, bad rate) and a download link.
      await page.getByRole('link', { name: 'Open version 1' }).click();
      await page.getByRole('heading', { level: 1, name: `${NAME} · version 1` }).waitFor();
      const histogram = page.getByRole('img', { name: /^Histogram of LOAN from/ });
      await histogram.waitFor();
      expect(await histogram.locator('rect').count()).toBeGreaterThan(3);
      expect(await page.getByRole('img', { name: /^Most frequent values of REASON: DebtCon/ }).count()).toBe(1);
      const reason = page.getByRole('row', { name: /^REASON/ });
      expect(await reason.getByRole('cell').nth(1).textContent()).toBe(want.missingReason);
      expect(await page.getByRole('region', { name: /Target/ }).textContent()).toContain(want.badRate);
      expect(await page.getByText(want.sha256, { exact: true }).count()).toBe(1);
      const download = page.getByRole('link', { name: new RegExp(`^Download ${NAME}-v1\\.csv`) });
      const href = await download.getAttribute('href');
      expect(href).not.toBeNull();
      const bytes = Buffer.from(await (await fetch(href ?? '')).arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(want.sha256);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'dataset-version');
      expectClean();
    } finally {
      await close();
    }
  });
});
