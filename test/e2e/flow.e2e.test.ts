/**
 * The modeller's whole day in the browser, through the UI only, against the local cloud: sign in,
 * create a dataset and upload the German credit file straight to S3, see it READY with its profile,
 * define features (two monotone) and publish a feature-set version over them, write a run spec with
 * the schema-driven form, execute it, watch the run reach SUCCEEDED with its charts drawn, and open
 * the registered model version, with the same charts, whose lineage leads back to the same dataset
 * and feature-set versions. One screenshot per page; nothing logs an error or fails a request.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshot } from './browser.ts';
import { signIn, useE2eCloud } from './cloud.ts';
import { expectDrawn, heading } from './pages.ts';
import { GERMAN } from './seed.ts';

const WAIT = { timeout: 120_000 };

const e2e = useE2eCloud();

const section = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true }).click();
const idIn = (page: Page, pattern: RegExp) => pattern.exec(new URL(page.url()).pathname)?.[1] ?? '';

describe('the web app, end to end', () => {
  it('takes a file to a registered model version, all in the browser', async () => {
    const { page, expectClean, close } = await e2e().openPage();
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto('/');
      await heading(page, 'Sign in to Talaty').waitFor();
      await screenshot(page, 'flow-1-login');
      await expectAccessible(page, 'login');
      await signIn(page, 'e2e-flow');

      // A dataset, its file uploaded straight to S3, profiled to READY.
      await heading(page, 'Datasets').waitFor();
      await expectAccessible(page, 'datasets');
      await page.getByRole('button', { name: 'New dataset' }).click();
      await page.getByLabel('Name', { exact: true }).fill('german-credit');
      await page.getByLabel('Description', { exact: true }).fill('UCI German credit, 1,000 applicants.');
      await page.getByRole('button', { name: 'Create dataset' }).click();
      await heading(page, 'german-credit').waitFor();
      const datasetId = idIn(page, /^\/datasets\/([0-9a-f-]{36})$/);
      await page.getByLabel('Target column', { exact: true }).fill('CLASSIFICATION');
      await page.getByLabel('File', { exact: true }).setInputFiles(GERMAN);
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Version 1 is READY' }).waitFor(WAIT);
      await screenshot(page, 'flow-2-dataset');
      await expectAccessible(page, 'dataset');
      await page.getByRole('link', { name: 'Open version 1' }).click();
      await heading(page, 'german-credit · version 1').waitFor();
      const histogram = page.getByRole('img', { name: /^Histogram of AMOUNT from/ });
      await histogram.waitFor();
      expect(await histogram.locator('rect').count()).toBeGreaterThan(3);
      expect(await page.getByRole('row', { name: /^CREDIT_HISTORY/ }).count()).toBe(1);
      await screenshot(page, 'flow-3-profile');
      await expectAccessible(page, 'version profile');

      // Features in the catalog, two of them monotone with a rationale.
      await section(page, 'Features');
      await heading(page, 'Features').waitFor();
      const newFeature = page.getByRole('region', { name: 'New feature' });
      const features = [
        { name: 'duration', column: 'DURATION_MONTHS', kind: 'Numeric', monotone: 'Increasing (+1)' },
        { name: 'amount', column: 'AMOUNT', kind: 'Numeric' },
        { name: 'age', column: 'AGE', kind: 'Numeric', monotone: 'Decreasing (−1)' },
        { name: 'account_status', column: 'STATUS_ACCOUNT', kind: 'Categorical' },
        { name: 'credit_history', column: 'CREDIT_HISTORY', kind: 'Categorical' },
      ];
      for (const f of features) {
        await newFeature.getByLabel('Name', { exact: true }).fill(f.name);
        await newFeature.getByLabel('Source column').fill(f.column);
        await newFeature.getByLabel('Kind').selectOption({ label: f.kind });
        if (f.monotone !== undefined) {
          await newFeature.getByLabel('Monotone direction').selectOption({ label: f.monotone });
          await newFeature.getByLabel('Rationale').fill(`Credit policy: ${f.name} is monotone in risk.`);
        } else {
          await newFeature.getByLabel('Rationale').fill('');
        }
        await newFeature.getByRole('button', { name: 'Add feature' }).click();
        await newFeature
          .getByRole('status')
          .filter({ hasText: `Feature “${f.name}” added.` })
          .waitFor();
      }
      await screenshot(page, 'flow-4-features');
      await expectAccessible(page, 'features');

      // A feature set over them, published as an immutable version.
      await section(page, 'Feature sets');
      await heading(page, 'Feature sets').waitFor();
      await expectAccessible(page, 'feature sets');
      const newSet = page.getByRole('region', { name: 'New feature set' });
      await newSet.getByLabel('Name', { exact: true }).fill('german-application');
      await newSet.getByRole('button', { name: 'Create feature set' }).click();
      await heading(page, 'german-application').waitFor();
      const featureSetId = idIn(page, /^\/feature-sets\/([0-9a-f-]{36})$/);
      await page.getByRole('button', { name: 'New draft version' }).click();
      const draft = page.getByRole('region', { name: 'New draft version' });
      for (const f of features) {
        await draft
          .getByLabel('Catalog feature to add')
          .selectOption({ label: `${f.name} (${f.kind.toLowerCase()}, ${f.column})` });
        await draft.getByRole('button', { name: 'Add feature' }).click();
      }
      await draft.getByLabel('Target column').fill('CLASSIFICATION');
      await draft.getByLabel('Bad value').fill('0');
      await draft.getByRole('button', { name: 'Create draft' }).click();
      await heading(page, /german-application · version 1/).waitFor();
      await page.getByRole('button', { name: 'Publish version 1' }).click();
      await page.getByRole('note').filter({ hasText: 'Published and read-only.' }).waitFor();
      await screenshot(page, 'flow-5-feature-set');
      await expectAccessible(page, 'feature-set version');

      // A run spec from the schema-driven form (defaults kept but for a small model), executed.
      await section(page, 'Run specs');
      await heading(page, 'Run specs').waitFor();
      await page.getByRole('link', { name: 'New run spec' }).click();
      await heading(page, 'New run spec').waitFor();
      await page.getByLabel('name', { exact: true }).fill('german-gbm');
      await page.getByLabel('model_name').fill('german-scorecard');
      await page.getByLabel('dataset_version_id').selectOption({ label: 'german-credit v1 · 1,000 rows' });
      await page
        .getByLabel('feature_set_version_id')
        .selectOption({ label: 'german-application v1 · 5 features, target CLASSIFICATION' });
      const params = page.getByRole('group', { name: 'Model params' });
      await params.getByLabel('n_trees').fill('80');
      await params.getByLabel('threads').fill('1');
      await screenshot(page, 'flow-6-run-spec-form');
      await expectAccessible(page, 'new run spec');
      await page.getByRole('button', { name: 'Create run spec' }).click();
      await heading(page, 'german-gbm').waitFor();
      await page.getByRole('button', { name: 'Execute' }).click();
      await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
      const runId = idIn(page, /^\/runs\/([0-9a-f-]{36})$/);

      // The run, followed live to SUCCEEDED, with its evaluation drawn.
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Status:' }).textContent(), {
          timeout: 240_000,
          interval: 500,
        })
        .toContain('SUCCEEDED');
      const roc = page.getByRole('img', { name: /^ROC curve: / });
      await roc.waitFor(WAIT);
      await expectDrawn(roc, 3);
      await expectDrawn(page.getByRole('img', { name: /^KS curve / }), 2);
      await expectDrawn(page.getByRole('img', { name: /^Cumulative gains/ }), 3);
      await expectDrawn(page.getByRole('img', { name: /^Calibration / }), 1);
      const importance = page.getByRole('img', { name: /^Feature importance/ });
      expect(await importance.evaluate((svg) => svg.querySelectorAll('rect').length)).toBe(features.length);
      await screenshot(page, 'flow-7-run');
      await expectAccessible(page, 'run');

      // The registered model version, traceable to the exact versions used.
      await page.getByRole('link', { name: 'german-scorecard v1' }).click();
      await heading(page, 'german-scorecard v1').waitFor();
      const lineage = page.getByRole('list', { name: 'Lineage' });
      await expect
        .poll(async () => Promise.all((await lineage.getByRole('link').all()).map((l) => l.getAttribute('href'))))
        .toEqual([
          `/datasets/${datasetId}/versions/1`,
          `/feature-sets/${featureSetId}/versions/1`,
          expect.stringMatching(/^\/run-specs\/[0-9a-f-]{36}$/),
          `/runs/${runId}`,
        ]);
      await page.getByRole('link', { name: /^Download model\.json/ }).waitFor();
      // The reviewer sees the evaluation here too, drawn from the run's metrics.
      const modelRoc = page.getByRole('img', { name: /^ROC curve: / });
      await modelRoc.waitFor(WAIT);
      await expectDrawn(modelRoc, 3);
      await expectDrawn(page.getByRole('img', { name: /^Cumulative gains/ }), 3);
      await screenshot(page, 'flow-8-model');
      await expectAccessible(page, 'model version');
      expectClean();
    } finally {
      await close();
    }
  }, 420_000);
});
