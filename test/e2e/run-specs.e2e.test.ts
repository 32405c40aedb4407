/**
 * Run specs and models in the browser, end to end: with a READY dataset version (the German credit
 * data, uploaded and profiled) and a PUBLISHED feature-set version seeded through the API, a
 * modeller fills the form generated from the API's schema (defaults prefilled), meets a check the
 * browser makes and one only the API can make, each next to its field, creates the run spec,
 * executes it, and once the run has SUCCEEDED finds the registered model version with its lineage.
 * Every page fits a 1366×768 screen without sideways scrolling; nothing logs an error.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { publishFeatureSetVersion } from '../../client/feature-sets.ts';
import { waitForRun } from '../../client/runs.ts';
import { expectAccessible, screenshot } from './browser.ts';
import { signIn, useE2eCloud } from './cloud.ts';
import { fitsWidth } from './pages.ts';
import { GERMAN_FEATURES, GERMAN_TARGET, seedApi, seedGermanDataset } from './seed.ts';

const e2e = useE2eCloud();

interface Seeded {
  readonly datasetId: string;
  readonly featureSetId: string;
}
let seeded: Seeded;

const api = () => seedApi(e2e());

beforeAll(async () => {
  const version = await seedGermanDataset(api(), 'e2e-german');
  const featureSet = (await api().post('/feature-sets', { name: 'e2e-german-features' })) as { id: string };
  await publishFeatureSetVersion(api(), featureSet.id, { features: GERMAN_FEATURES, target: GERMAN_TARGET });
  seeded = { datasetId: version.dataset_id, featureSetId: featureSet.id };
}, 180_000);

/** The field's accessible description: its hint and, when there is one, its message. */
const description = (field: Locator) =>
  field.evaluate((el) =>
    String(el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id: string) => el.ownerDocument.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

const pathOf = (page: Page) => new URL(page.url()).pathname;

describe('run specs and models', () => {
  it('creates a run spec with the schema form, executes it and shows the model version with its lineage', async () => {
    const { page, expectClean, close } = await e2e().openPage({
      // The run spec the API refuses (no validation sample with early stopping on), on purpose.
      allow: [{ status: 400, method: 'POST', url: /\/run-specs$/ }],
    });
    /** A screenshot of a page that must fit a laptop's width. */
    const shot = async (name: string) => {
      expect(await fitsWidth(page), name).toBe(true);
      await screenshot(page, name);
      await expectAccessible(page, name);
    };
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      await signIn(page, 'e2e-modeller');
      // In-app navigation, as a user moves between sections.
      const section = (name: string) =>
        page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name }).click();
      await section('Run specs');
      await page.getByRole('heading', { level: 1, name: 'Run specs' }).waitFor();
      await page.getByRole('link', { name: 'New run spec' }).click();
      await page.getByRole('heading', { level: 1, name: 'New run spec' }).waitFor();

      // The schema's defaults, prefilled.
      const params = page.getByRole('group', { name: 'Model params' });
      const split = page.getByRole('group', { name: 'Split policy' });
      const fractions = split.getByRole('group', { name: 'Fractions' });
      expect(await params.getByLabel('n_trees').inputValue()).toBe('500');
      expect(await params.getByLabel('learning_rate').inputValue()).toBe('0.05');
      expect(await params.getByLabel('growth').inputValue()).toBe('depthwise');
      expect(await split.getByLabel('method').inputValue()).toBe('random');
      expect(await fractions.getByLabel('train').inputValue()).toBe('0.7');
      expect(await page.getByLabel('predictions').isChecked()).toBe(true);
      expect(await description(params.getByLabel('learning_rate'))).toContain('Shrinkage applied to every leaf value');

      await page.getByLabel('name', { exact: true }).fill('german-gbm');
      await page.getByLabel('model_name').fill('e2e-german-model');
      await page.getByLabel('dataset_version_id').selectOption({ label: 'e2e-german v1 · 1,000 rows' });
      await page
        .getByLabel('feature_set_version_id')
        .selectOption({ label: 'e2e-german-features v1 · 5 features, target CLASSIFICATION' });
      await params.getByLabel('n_trees').fill('60');
      await params.getByLabel('threads').fill('1');

      // A check the browser makes from the schema, shown next to the field once it is left.
      const rate = params.getByLabel('learning_rate');
      await rate.fill('2');
      await rate.press('Tab');
      await expect.poll(() => rate.getAttribute('aria-invalid')).toBe('true');
      expect(await description(rate)).toContain('must be at most 1');
      await shot('run-spec-form-client-error');
      await rate.fill('0.1');
      await rate.press('Tab');
      await expect.poll(() => rate.getAttribute('aria-invalid')).toBe('false');

      // One only the API makes: early stopping needs a validation sample.
      const valid = fractions.getByLabel('valid');
      await valid.fill('0');
      await fractions.getByLabel('test').fill('0.3');
      await page.getByRole('button', { name: 'Create run spec' }).click();
      await expect.poll(() => valid.getAttribute('aria-invalid')).toBe('true');
      expect(await description(valid)).toContain('early stopping needs a validation sample');
      expect(pathOf(page)).toBe('/run-specs/new');
      await shot('run-spec-form-api-error');

      // A union: the time split brings its own fields, and back to random its defaults.
      await split.getByLabel('method').selectOption('time');
      await split.getByLabel('oot_start').waitFor();
      expect(await split.getByRole('group', { name: 'In time' }).getByLabel('train').inputValue()).toBe('0.8');
      await split.getByLabel('method').selectOption('random');
      expect(await split.getByLabel('oot_start').count()).toBe(0);
      expect(await fractions.getByLabel('valid').inputValue()).toBe('0.15');

      // A nullable group: switched on, it starts from its defaults.
      await page.getByLabel('score_scaling').check();
      expect(await page.getByRole('group', { name: 'Score scaling' }).getByLabel('pdo').inputValue()).toBe('20');
      await page.getByLabel('score_scaling').uncheck();

      // A gate the model must pass to be registered.
      await page.getByRole('button', { name: 'Add gate' }).click();
      const gate = page.getByRole('group', { name: 'Gate 1' });
      await gate.getByLabel('metric').selectOption('gini');
      await gate.getByLabel('split').selectOption('test');
      await gate.getByLabel('min').fill('0.1');

      await page.getByRole('button', { name: 'Create run spec' }).click();
      await page.waitForURL((url) => /^\/run-specs\/[0-9a-f-]{36}$/.test(url.pathname));
      const runSpecId = pathOf(page).split('/').pop() as string;
      await page.getByRole('heading', { level: 1, name: 'german-gbm' }).waitFor();
      const datasetLink = page.getByRole('link', { name: 'e2e-german v1' });
      expect(await datasetLink.getAttribute('href')).toBe(`/datasets/${seeded.datasetId}/versions/1`);
      const featuresLink = page.getByRole('link', { name: 'e2e-german-features v1' });
      expect(await featuresLink.getAttribute('href')).toBe(`/feature-sets/${seeded.featureSetId}/versions/1`);
      expect(await page.getByRole('row', { name: 'n_trees 60' }).count()).toBe(1);
      await shot('run-spec-detail');

      // Execute: the run's page (its contents belong to the runs pages).
      await page.getByRole('button', { name: 'Execute' }).click();
      await page.waitForURL((url) => /^\/runs\/[0-9a-f-]{36}$/.test(url.pathname));
      const runId = pathOf(page).split('/').pop() as string;
      const run = await waitForRun(api(), runId);
      expect(run.status, JSON.stringify(run.failure)).toBe('SUCCEEDED');
      expect(run.run_spec_id).toBe(runSpecId);
      expect(run.gate_outcome).toBe('passed');

      // The registry: the model, its version, and the lineage back to the data.
      await section('Models');
      await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
      await page.getByRole('link', { name: 'v1' }).waitFor();
      await shot('models');
      await page.getByRole('link', { name: 'e2e-german-model' }).click();
      await page.getByRole('heading', { level: 1, name: 'e2e-german-model' }).waitFor();
      await page.getByRole('link', { name: 'v1' }).click();
      await page.getByRole('heading', { level: 1, name: 'e2e-german-model v1' }).waitFor();
      const lineage = page.getByRole('list', { name: 'Lineage' });
      const hrefs = async () =>
        Promise.all(
          (await lineage.getByRole('link').all()).map(async (l) => [
            await l.textContent(),
            await l.getAttribute('href'),
          ]),
        );
      await expect.poll(hrefs).toEqual([
        ['e2e-german v1', `/datasets/${seeded.datasetId}/versions/1`],
        ['e2e-german-features v1', `/feature-sets/${seeded.featureSetId}/versions/1`],
        ['german-gbm', `/run-specs/${runSpecId}`],
        [`Run ${runId.slice(0, 8)}…`, `/runs/${runId}`],
      ]);
      expect(await lineage.getByRole('listitem').last().textContent()).toContain('e2e-german-model v1');
      await page.getByRole('link', { name: /^Download model\.json/ }).waitFor();
      await page.getByRole('row', { name: /^test / }).waitFor();
      await shot('model-version');

      // Duplicate prefills a new run spec from this one.
      await page.getByRole('link', { name: 'german-gbm' }).click();
      await page.getByRole('link', { name: 'Duplicate' }).click();
      await page.getByRole('heading', { level: 1, name: 'New run spec from a copy' }).waitFor();
      expect(await page.getByLabel('name', { exact: true }).inputValue()).toBe('german-gbm');
      expect(await page.getByRole('group', { name: 'Model params' }).getByLabel('n_trees').inputValue()).toBe('60');
      expect(await page.getByRole('group', { name: 'Gate 1' }).getByLabel('min').inputValue()).toBe('0.1');
      expectClean();
    } finally {
      await close();
    }
  }, 420_000);
});
