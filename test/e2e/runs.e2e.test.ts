/**
 * The runs pages in the browser, end to end: with a READY dataset version (the German credit data),
 * a PUBLISHED feature-set version and two run specs seeded through the API, two runs executed; the
 * list follows them live to SUCCEEDED, a run's page shows its steps, metrics, the four evaluation
 * charts drawn, importance, the report and the logs; two runs compared side by side; a long run
 * cancelled from its page ends CANCELLED. Elements are found by role and label only.
 */

import { randomUUID } from 'node:crypto';
import { type Run, RunSpecCreate } from '@talaty/schemas';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { publishFeatureSetVersion } from '../../client/feature-sets.ts';
import { waitForRun } from '../../client/runs.ts';
import { RunSpecStore } from '../../lambdas/store/run-specs.ts';
import { expectAccessible, screenshot } from './browser.ts';
import { signIn, useE2eCloud } from './cloud.ts';
import { expectDrawn, fitsWidth } from './pages.ts';
import { GERMAN_FEATURES, GERMAN_TARGET, seedApi, seedGermanDataset } from './seed.ts';

const e2e = useE2eCloud();

const api = () => seedApi(e2e());

let datasetVersionId: string;
let featureSetId: string;
let featureSetVersionId: string;
/** The run specs seeded before the tests, and the runs the first test executes from them. */
let specs: { deep: string; shallow: string };
let runs: { deep: Run; shallow: Run };

async function publishFeatures(features: unknown[]): Promise<string> {
  const content = { features, target: GERMAN_TARGET };
  return (await publishFeatureSetVersion(api(), featureSetId, content)).id;
}

const specBody = (name: string, modelParams: Record<string, unknown>, gates: unknown[]) => ({
  name,
  model_name: `${name}-model`,
  dataset_version_id: datasetVersionId,
  feature_set_version_id: featureSetVersionId,
  model_family: 'gbm',
  model_params: { threads: 1, ...modelParams },
  split_policy: { method: 'random', fractions: { train: 0.6, valid: 0.2, test: 0.2 }, seed: 7 },
  evaluation_policy: { gates },
});

async function createSpec(name: string, modelParams: Record<string, unknown>, gates: unknown[] = []): Promise<string> {
  return ((await api().post('/run-specs', specBody(name, modelParams, gates))) as { id: string }).id;
}

const execute = async (runSpecId: string) => (await api().post('/runs/execute', { run_spec_id: runSpecId })) as Run;

beforeAll(async () => {
  const version = await seedGermanDataset(api(), 'e2e-runs-german');
  datasetVersionId = version.id;
  featureSetId = ((await api().post('/feature-sets', { name: 'e2e-runs-features' })) as { id: string }).id;
  featureSetVersionId = await publishFeatures(GERMAN_FEATURES);
  specs = {
    deep: await createSpec('e2e-deep', { n_trees: 60, learning_rate: 0.1, max_depth: 3 }, [
      { metric: 'gini', split: 'test', min: 0.1 },
    ]),
    shallow: await createSpec('e2e-shallow', { n_trees: 40, learning_rate: 0.1, max_depth: 2 }),
  };
}, 180_000);

const short = (run: Run) => run.id.slice(0, 8);
const pathOf = (page: Page) => new URL(page.url()).pathname;

describe('the runs pages', () => {
  it('follow two runs live to SUCCEEDED and show one run with its steps, metrics, charts, report and logs', async () => {
    const { page, expectClean, close } = await e2e().openPage();
    try {
      await signIn(page, 'e2e-runs');
      await page.goto('/runs');
      await page.getByRole('heading', { level: 1, name: 'Runs' }).waitFor();
      await page.getByText(/No runs yet/).waitFor();
      // Executed now, and the list opened again at once: it shows them QUEUED or RUNNING.
      runs = { deep: await execute(specs.deep), shallow: await execute(specs.shallow) };
      await page.reload();
      const deepRow = page.getByRole('row', { name: new RegExp(short(runs.deep)) });
      const shallowRow = page.getByRole('row', { name: new RegExp(short(runs.shallow)) });
      await deepRow.waitFor();
      expect(await deepRow.getByRole('link', { name: 'e2e-deep' }).getAttribute('href')).toBe(
        `/run-specs/${runs.deep.run_spec_id}`,
      );
      // From here on no reload: the list follows the runs while they go.
      const firstSeen = await deepRow.textContent();
      await screenshot(page, 'runs-list-live');
      await expectAccessible(page, 'runs-list-live');
      await expect.poll(() => deepRow.textContent(), { timeout: 240_000, interval: 500 }).toContain('SUCCEEDED');
      await expect.poll(() => shallowRow.textContent(), { timeout: 240_000, interval: 500 }).toContain('SUCCEEDED');
      expect(firstSeen).toMatch(/QUEUED|RUNNING/);
      expect(await deepRow.textContent()).toContain('Gates passed');
      expect(await shallowRow.textContent()).toContain('No gates');
      // Test AUC, Gini and KS once done.
      expect(await deepRow.textContent()).toMatch(/0\.\d{4}.*0\.\d{4}.*0\.\d{4}/);
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'in progress' }).count()).toBe(0);
      await screenshot(page, 'runs-list');
      await expectAccessible(page, 'runs-list');

      await deepRow.getByRole('link', { name: short(runs.deep) }).click();
      await page.getByRole('heading', { level: 1, name: `Run ${short(runs.deep)}` }).waitFor();
      expect(pathOf(page)).toBe(`/runs/${runs.deep.id}`);
      expect(await page.getByRole('status').filter({ hasText: 'Status:' }).textContent()).toContain('SUCCEEDED');
      // No console in local mode: the execution ARN instead.
      await page.getByText(new RegExp(`arn:aws:states:.*:execution:.*:${runs.deep.id}`)).waitFor();
      expect(await page.getByRole('link', { name: /Step Functions console/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Cancel run' }).count()).toBe(0);

      const steps = page.getByRole('list', { name: 'Pipeline steps' });
      for (const step of ['Prepare', 'Train', 'Record']) {
        await expect
          .poll(() => steps.getByRole('listitem').filter({ hasText: step }).first().textContent())
          .toMatch(/succeeded/);
      }
      expect(await steps.textContent()).toContain('Run succeeded.');

      const gates = page.getByRole('table', { name: 'Gate results' });
      expect(await gates.getByRole('row', { name: /GINI/ }).textContent()).toContain('passed');
      const metrics = page.getByRole('table', { name: 'Metrics per sample' });
      for (const sample of ['Train', 'Validation', 'Test']) {
        expect(await metrics.getByRole('row', { name: new RegExp(`^${sample}`) }).count()).toBe(1);
      }

      const roc = page.getByRole('img', { name: /^ROC curve: Train AUC 0\.\d+, Validation AUC 0\.\d+, Test AUC/ });
      const ks = page.getByRole('img', { name: /^KS curve \(Test\): the largest gap .* is 0\.\d+ at p_bad/ });
      const gains = page.getByRole('img', { name: /^Cumulative gains: the riskiest 20 % of rows capture/ });
      const calibration = page.getByRole('img', { name: /^Calibration \(Test\): observed bad rate/ });
      const importance = page.getByRole('img', { name: /^Feature importance \(gain\): / });
      await roc.waitFor();
      // With the metrics document loaded, the table has Hosmer–Lemeshow too.
      expect(await metrics.getByRole('columnheader', { name: 'Hosmer–Lemeshow p' }).count()).toBe(1);
      await expectDrawn(roc, 3);
      await expectDrawn(ks, 2);
      await expectDrawn(gains, 3);
      await expectDrawn(calibration, 1);
      expect(await importance.getAttribute('aria-label')).toMatch(/(duration|amount|age|status|history) \d/);
      expect(await importance.evaluate((svg) => svg.querySelectorAll('rect').length)).toBe(5);
      // The numbers behind a chart, as a table.
      await page.getByText('Data table: Feature importance (gain)').click();
      expect(await page.getByRole('table', { name: 'Feature importance (gain)' }).getByRole('row').count()).toBe(6);
      // Another sample for the KS and calibration charts.
      await page.getByLabel('Sample for the KS and calibration charts').selectOption('train');
      await page.getByRole('img', { name: /^KS curve \(Train\)/ }).waitFor();

      await page.getByText('Show the report on this page').click();
      const frame = page.getByTitle('Run report').contentFrame();
      await frame.getByText(runs.deep.id).first().waitFor();
      const report = page.getByRole('link', { name: /Open the HTML report/ });
      const reportUrl = (await report.getAttribute('href')) as string;
      expect(await report.getAttribute('target')).toBe('_blank');
      const html = await (await fetch(reportUrl)).text();
      expect(html).toContain(runs.deep.id);
      const logFiles = page.getByRole('list', { name: 'Log files' });
      await logFiles.getByRole('link', { name: 'logs/runner.jsonl' }).waitFor();
      expect(await logFiles.getByRole('link', { name: /^logs\/task-.+\.log$/ }).count()).toBe(1);
      const runnerLog = page.getByRole('region', { name: /Runner log/ });
      await expect.poll(() => runnerLog.textContent()).toMatch(/"level":"info"/);

      const model = page.getByRole('link', { name: 'e2e-deep-model v1' });
      expect(await model.getAttribute('href')).toMatch(/^\/models\/[0-9a-f-]{36}\/versions\/1$/);
      await screenshot(page, 'run-detail');
      await expectAccessible(page, 'run-detail');

      // Fits a laptop screen: nothing wider than the window.
      await page.setViewportSize({ width: 1366, height: 768 });
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'run-detail-1366');
      await expectAccessible(page, 'run-detail-1366');
      expectClean();
    } finally {
      await close();
    }
  }, 360_000);

  it('compares two runs: parameters with differences marked, metrics per sample, overlaid curves', async () => {
    await waitForRun(api(), runs.deep.id);
    await waitForRun(api(), runs.shallow.id);
    const { page, expectClean, close } = await e2e().openPage();
    try {
      await signIn(page, 'e2e-runs');
      await page.goto('/runs');
      const compare = page.getByRole('button', { name: 'Compare selected runs' });
      await page.getByLabel(`Select run ${short(runs.deep)} to compare`).check();
      expect(await compare.isDisabled()).toBe(true);
      await page.getByLabel(`Select run ${short(runs.shallow)} to compare`).check();
      await compare.click();
      await page.getByRole('heading', { level: 1, name: 'Compare runs' }).waitFor();
      const ids = new URL(page.url()).searchParams.get('ids')?.split(',');
      expect(ids?.sort()).toEqual([runs.deep.id, runs.shallow.id].sort());

      const params = page.getByRole('table', { name: /Run spec parameters side by side/ });
      await params.waitFor();
      expect(await params.getByRole('row', { name: /model_params\.max_depth/ }).textContent()).toMatch(/differs/);
      expect(await params.getByRole('row', { name: /model_params\.learning_rate/ }).textContent()).not.toMatch(
        /differs/,
      );
      await page.getByLabel('Show only parameters that differ').check();
      expect(await params.getByRole('row', { name: /model_params\.learning_rate/ }).count()).toBe(0);
      expect(await params.getByRole('row', { name: /model_params\.n_trees/ }).count()).toBe(1);

      const testMetrics = page.getByRole('table', { name: 'Test sample' });
      expect(await testMetrics.getByRole('row', { name: /^AUC/ }).textContent()).toMatch(/0\.\d{4}.*0\.\d{4}/);

      const roc = page.getByRole('img', { name: /^ROC curves \(Test\)/ });
      await roc.waitFor();
      await expectDrawn(roc, 2);
      await expectDrawn(page.getByRole('img', { name: /^Cumulative gains \(Test\)/ }), 2);
      for (const run of [runs.deep, runs.shallow]) {
        expect(
          await page
            .getByRole('listitem')
            .filter({ hasText: new RegExp(`^${short(run)} · e2e-`) })
            .count(),
        ).toBe(2);
      }
      await screenshot(page, 'runs-compare');
      await expectAccessible(page, 'runs-compare');
      expectClean();
    } finally {
      await close();
    }
  }, 300_000);

  it('cancels a long run from its page and shows it CANCELLED', async () => {
    const spec = await createSpec('e2e-long', {
      n_trees: 10_000,
      learning_rate: 0.001,
      max_depth: 6,
      early_stopping_rounds: 0,
    });
    const run = await execute(spec);
    const { page, expectClean, close } = await e2e().openPage({
      // A run stopped before its runner uploaded any log has none: the page says so.
      allow: [{ status: 404, method: 'GET', url: /\/artifacts\/logs$/ }],
    });
    try {
      await signIn(page, 'e2e-runs');
      await page.goto(`/runs/${run.id}`);
      await page.getByRole('heading', { level: 1, name: `Run ${short(run)}` }).waitFor();
      const status = page.getByRole('status').filter({ hasText: 'Status:' });
      await expect.poll(() => status.textContent(), { timeout: 120_000 }).toContain('RUNNING');
      await expect
        .poll(() => page.getByRole('list', { name: 'Pipeline steps' }).textContent(), { timeout: 60_000 })
        .toMatch(/Train.*running/);
      await screenshot(page, 'run-running');
      await expectAccessible(page, 'run-running');

      await page.getByRole('button', { name: 'Cancel run' }).click();
      await page.getByRole('button', { name: 'Keep it running' }).click();
      expect(await status.textContent()).toContain('RUNNING');
      // By keyboard: the confirmation takes the focus, Enter confirms.
      await page.getByRole('button', { name: 'Cancel run' }).focus();
      await page.keyboard.press('Enter');
      await expect
        .poll(() =>
          page.getByRole('button', { name: 'Yes, cancel the run' }).evaluate((b) => b === document.activeElement),
        )
        .toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('CANCELLED');
      expect(await page.getByRole('button', { name: 'Cancel run' }).count()).toBe(0);
      await expect
        .poll(() => page.getByRole('list', { name: 'Pipeline steps' }).textContent(), { timeout: 30_000 })
        .toMatch(/Run cancelled/);
      expect((await api().get(`/runs/${run.id}`)) as Run).toMatchObject({
        status: 'CANCELLED',
        model_version_id: null,
      });
      await screenshot(page, 'run-cancelled');
      await expectAccessible(page, 'run-cancelled');
      expectClean();
    } finally {
      await close();
    }
  }, 240_000);

  it('shows why a run failed: the runner’s error, the step that failed and the logs it left', async () => {
    // A feature reading a column the dataset lacks: the API refuses such a run spec, so it is
    // written straight to the store (as the API tests do) to make the runner fail.
    const missing = await publishFeatures([
      ...GERMAN_FEATURES,
      { name: 'income', source_column: 'INCOME', kind: 'numeric' },
    ]);
    const body = { ...specBody('e2e-missing-column', { n_trees: 10 }, []), feature_set_version_id: missing };
    const spec = await new RunSpecStore(e2e().cloud.db).insert(randomUUID(), RunSpecCreate.parse(body), 'seed');
    const run = await waitForRun(api(), (await execute(spec.id)).id);
    expect(run.status).toBe('FAILED');
    const { page, expectClean, close } = await e2e().openPage();
    try {
      await signIn(page, 'e2e-runs');
      await page.goto(`/runs/${run.id}`);
      await page.getByRole('heading', { level: 1, name: `Run ${short(run)}` }).waitFor();
      expect(await page.getByRole('status').filter({ hasText: 'Status:' }).textContent()).toContain('FAILED');
      const failure = page.getByRole('region', { name: 'Failure' });
      expect(await failure.textContent()).toMatch(/MISSING_COLUMN.*INCOME/);
      const steps = page.getByRole('list', { name: 'Pipeline steps' });
      await expect.poll(() => steps.getByRole('listitem').filter({ hasText: 'MarkFailed' }).count()).toBe(1);
      // The runner exits non-zero, the pipeline's choice sends the run to MarkFailed: Train failed.
      expect(await steps.textContent()).toMatch(/Train\s*failed.*MarkFailed/);
      await page
        .getByRole('list', { name: 'Log files' })
        .getByRole('link', { name: /^logs\/task-/ })
        .waitFor();
      expect(await page.getByRole('heading', { name: 'Charts' }).count()).toBe(0);
      await screenshot(page, 'run-failed');
      await expectAccessible(page, 'run-failed');
      expectClean();
    } finally {
      await close();
    }
  }, 180_000);
});
