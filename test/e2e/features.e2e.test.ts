/**
 * Features and feature sets in the browser, end to end on a 1366×768 screen: features are added to
 * the catalog (one monotone with a rationale), an invalid name and a taken one are refused with
 * the API's message next to the Name field, a feature is edited; a feature set gets a draft
 * version, which is published and then shown read-only; a second version is compared with the
 * first, its changes marked. Nothing logs an error, and no page scrolls sideways.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshot } from './browser.ts';
import { signIn, useE2eCloud } from './cloud.ts';
import { apiCallsDuring, fitsWidth, heading } from './pages.ts';

const e2e = useE2eCloud();

async function addFeature(
  page: Page,
  feature: { name: string; column: string; kind?: string; monotone?: string; rationale?: string },
) {
  const form = page.getByRole('region', { name: 'New feature' });
  await form.getByLabel('Name', { exact: true }).fill(feature.name);
  await form.getByLabel('Source column').fill(feature.column);
  await form.getByLabel('Kind').selectOption({ label: feature.kind ?? 'Numeric' });
  if (feature.monotone !== undefined) {
    await form.getByLabel('Monotone direction').selectOption({ label: feature.monotone });
  }
  await form.getByLabel('Rationale').fill(feature.rationale ?? '');
  await form.getByRole('button', { name: 'Add feature' }).click();
}

describe('features and feature sets', () => {
  it('creates features, publishes a feature-set version read-only, and compares two versions', async () => {
    const { page, expectClean, close } = await e2e().openPage({
      // The refusals this test provokes on purpose: an invalid name (400) and a taken one (409).
      allow: [
        { status: 400, method: 'POST', url: /\/features$/ },
        { status: 409, method: 'POST', url: /\/features$/ },
        // A save based on a row version someone else moved on from.
        { status: 412, method: 'PATCH', url: /\/features\/[0-9a-f-]+$/ },
        // A draft whose feature reads the target column.
        { status: 400, method: 'POST', url: /\/versions$/ },
      ],
    });
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      await signIn(page, 'e2e-features');
      await page
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('link', { name: 'Features', exact: true })
        .click();
      await heading(page, 'Features').waitFor();
      await page.getByText('No features yet').waitFor();
      const form = page.getByRole('region', { name: 'New feature' });
      const name = form.getByLabel('Name', { exact: true });

      // An invalid name: the API's message appears next to the Name field, which is marked invalid.
      await addFeature(page, { name: '9 lives!', column: 'RevolvingUtilizationOfUnsecuredLines' });
      await form.getByRole('alert').filter({ hasText: 'must start with a letter' }).waitFor();
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      expect(await name.getAttribute('aria-describedby')).toMatch(/-error$/);
      await screenshot(page, 'features-invalid-name');
      await expectAccessible(page, 'features-invalid-name');

      // A monotone feature with its rationale, then two more.
      const rationale = 'Applicants using more of their limits default more often; policy requires it.';
      await addFeature(page, {
        name: 'utilization',
        column: 'RevolvingUtilizationOfUnsecuredLines',
        monotone: 'Increasing (+1)',
        rationale,
      });
      await form.getByRole('status').filter({ hasText: 'Feature “utilization” added.' }).waitFor();
      expect(await name.getAttribute('aria-invalid')).toBe('false');
      expect(await name.inputValue()).toBe('');
      await addFeature(page, {
        name: 'age',
        column: 'age',
        monotone: 'Decreasing (−1)',
        rationale: 'Older applicants default less.',
      });
      await form.getByRole('status').filter({ hasText: 'Feature “age” added.' }).waitFor();
      await addFeature(page, { name: 'debt_ratio', column: 'DebtRatio' });
      await form.getByRole('status').filter({ hasText: 'Feature “debt_ratio” added.' }).waitFor();

      // A taken name: 409, told next to the Name field.
      await addFeature(page, { name: 'utilization', column: 'RevolvingUtilizationOfUnsecuredLines' });
      await form.getByRole('alert').filter({ hasText: '"utilization" is taken' }).waitFor();

      const catalog = page.getByRole('table', { name: 'Catalog features, newest first' });
      const utilizationRow = catalog.getByRole('row', { name: /^utilization / });
      await utilizationRow.waitFor();
      expect(await utilizationRow.textContent()).toContain('Increasing');
      expect(await utilizationRow.textContent()).toContain(rationale);
      expect(await catalog.getByRole('row', { name: /^age / }).textContent()).toContain('Decreasing');
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'features');
      await expectAccessible(page, 'features');

      // Edit a feature: PATCH at the row version read, then the page shows the new definition.
      await catalog.getByRole('link', { name: 'debt_ratio' }).click();
      await heading(page, 'debt_ratio').waitFor();
      const edit = page.getByRole('region', { name: 'Edit' });
      await edit.getByLabel('Monotone direction').selectOption({ label: 'Increasing (+1)' });
      await edit.getByLabel('Rationale').fill('More debt per unit of income, more risk.');
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await edit.getByRole('status').filter({ hasText: 'Saved (row version 2).' }).waitFor();

      // Someone else changes it meanwhile: the next save is refused (412) and offers the latest version.
      const featureId = new URL(page.url()).pathname.split('/').at(-1);
      const meanwhile = await e2e().cloud.api.patch(
        `/features/${featureId}`,
        { description: 'Total monthly debt payments over monthly income.' },
        { auth: { kind: 'x-user', user: 'e2e-reviewer' }, headers: { 'If-Match': '"2"' } },
      );
      expect(meanwhile.status).toBe(200);
      await edit.getByLabel('Rationale').fill('Stale edit.');
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await edit.getByRole('alert').filter({ hasText: 'it is now at 3' }).waitFor();
      await edit.getByRole('button', { name: 'Load the latest version' }).click();
      await page.getByText('Total monthly debt payments over monthly income.').first().waitFor();
      expect(await edit.getByLabel('Rationale').inputValue()).toBe('More debt per unit of income, more risk.');
      await edit.getByLabel('Special values').fill('-1');
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await edit.getByRole('status').filter({ hasText: 'Saved (row version 4).' }).waitFor();
      const definition = page.getByRole('region', { name: 'Definition' });
      expect(await definition.textContent()).toContain('More debt per unit of income, more risk.');
      expect(await definition.textContent()).toContain('Increasing');
      expect(await definition.textContent()).toContain('-1');
      await screenshot(page, 'feature-edit');
      await expectAccessible(page, 'feature-edit');

      // A feature set and its first draft version.
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Feature sets' }).click();
      await heading(page, 'Feature sets').waitFor();
      const newSet = page.getByRole('region', { name: 'New feature set' });
      await newSet.getByLabel('Name', { exact: true }).fill('cards-application');
      await newSet.getByLabel('Description').fill('Application scorecard inputs for credit cards.');
      await newSet.getByRole('button', { name: 'Create feature set' }).click();
      await heading(page, 'cards-application').waitFor();
      await page.getByText('No versions yet').waitFor();
      await page.getByRole('button', { name: 'New draft version' }).click();
      const draft = page.getByRole('region', { name: 'New draft version' });
      const pick = draft.getByLabel('Catalog feature to add');
      await pick.selectOption({ label: 'utilization (numeric, RevolvingUtilizationOfUnsecuredLines)' });
      await draft.getByRole('button', { name: 'Add feature' }).click();
      await pick.selectOption({ label: 'age (numeric, age)' });
      await draft.getByRole('button', { name: 'Add feature' }).click();
      expect(await draft.getByLabel('Rationale of utilization').inputValue()).toBe(rationale);
      expect(await draft.getByLabel('Monotone direction of age').inputValue()).toBe('-1');
      // A target column that a feature reads: refused, the message in that feature's row.
      await draft.getByLabel('Target column').fill('age');
      await draft.getByRole('button', { name: 'Create draft' }).click();
      await draft
        .getByRole('alert')
        .filter({ hasText: 'feature "age" reads column "age", which is the target' })
        .waitFor();
      expect(await draft.getByLabel('Monotone direction of age').getAttribute('aria-invalid')).toBe('true');
      await draft.getByLabel('Target column').fill('SeriousDlqin2yrs');
      await draft.getByLabel('Bad value').fill('1');
      await draft.getByLabel('ID column').fill('id');
      await draft.getByLabel('Notes').fill('First version.');
      await draft.getByRole('button', { name: 'Create draft' }).click();
      await heading(page, /cards-application · version 1/).waitFor();
      expect(await heading(page, /version 1/).textContent()).toContain('DRAFT');

      // Edit the draft: a per-version rationale override, saved at the draft's row version.
      const editDraft = page.getByRole('region', { name: 'Edit draft' });
      await editDraft.getByLabel('Rationale of age').fill('Older applicants default less (cards portfolio).');
      await editDraft.getByRole('button', { name: 'Save draft' }).click();
      await editDraft.getByRole('status').filter({ hasText: 'Draft saved.' }).waitFor();
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'feature-set-draft');
      await expectAccessible(page, 'feature-set-draft');

      // Publish: the version becomes read-only and says so.
      await page.getByRole('button', { name: 'Publish version 1' }).click();
      await page.getByRole('note').filter({ hasText: 'Published and read-only.' }).waitFor();
      expect(await heading(page, /version 1/).textContent()).toContain('PUBLISHED');
      expect(await page.getByRole('button', { name: 'Save draft' }).count()).toBe(0);
      expect(await page.getByRole('textbox').count()).toBe(0);
      expect(await page.getByRole('combobox').count()).toBe(0);
      const published = page.getByRole('table', { name: 'Features of version 1, in model order' });
      expect(await published.getByRole('row', { name: /^2 age / }).textContent()).toContain(
        'Older applicants default less (cards portfolio).',
      );
      await screenshot(page, 'feature-set-published');
      await expectAccessible(page, 'feature-set-published');

      // A second version from the first: one feature added, one direction changed, a new ID column.
      await page.getByRole('link', { name: 'New version from this one' }).click();
      const second = page.getByRole('region', { name: 'New draft version' });
      await second.getByLabel('Catalog feature to add').selectOption({ label: 'debt_ratio (numeric, DebtRatio)' });
      await second.getByRole('button', { name: 'Add feature' }).click();
      await second.getByLabel('Monotone direction of age').selectOption({ label: 'None' });
      await second.getByLabel('ID column').fill('customer_id');
      await second.getByLabel('Notes').fill('Adds the debt ratio; age left unconstrained.');
      await second.getByRole('button', { name: 'Create draft' }).click();
      await heading(page, /cards-application · version 2/).waitFor();

      await page.getByRole('link', { name: 'Compare with version 1' }).waitFor();

      // The feature set lists both versions with their status; compare them side by side from there.
      await page
        .getByRole('navigation', { name: 'Breadcrumb' })
        .getByRole('link', { name: 'cards-application' })
        .click();
      const versions = page.getByRole('table', { name: 'Versions, newest first' });
      // The page arrives after the click: wait for its rows rather than count what is there at once.
      await versions.getByRole('row', { name: /^Version 2 DRAFT 3 / }).waitFor();
      await versions.getByRole('row', { name: /^Version 1 PUBLISHED 2 / }).waitFor();
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'feature-set');
      await expectAccessible(page, 'feature-set');
      await page.getByLabel('From version').selectOption({ label: 'Version 1 (published)' });
      await page.getByLabel('To version').selectOption({ label: 'Version 2 (draft)' });
      await page.getByRole('button', { name: 'Compare', exact: true }).click();
      await heading(page, 'Compare version 1 with version 2').waitFor();
      const added = page.getByRole('table', { name: 'Added in version 2' });
      expect(await added.getByRole('row', { name: /^debt_ratio / }).textContent()).toContain('Increasing');
      expect(await page.getByRole('table', { name: 'Removed in version 2' }).count()).toBe(0);
      const changed = page.getByRole('table', { name: 'Changed features, one row per changed field' });
      const ageMonotone = changed.getByRole('row', { name: /^age Monotone Decreasing None$/ });
      await ageMonotone.waitFor();
      expect(await ageMonotone.locator('mark').count()).toBe(2);
      const idColumn = page.getByRole('row', { name: /^ID column id customer_id Changed$/ });
      expect(await idColumn.locator('mark').count()).toBe(2);
      expect(
        await page.getByRole('row', { name: /^Target column SeriousDlqin2yrs SeriousDlqin2yrs Same$/ }).count(),
      ).toBe(1);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'feature-set-compare');
      await expectAccessible(page, 'feature-set-compare');

      // Opened cold from its address, the page reads the versions from its version list only.
      const reads = await apiCallsDuring(page, async () => {
        await page.reload();
        await page.getByRole('table', { name: 'Added in version 2' }).waitFor();
      });
      expect(reads.filter((path) => /\/versions/.test(path))).toEqual([expect.stringMatching(/\/versions$/)]);

      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Feature sets' }).click();
      await page
        .getByRole('table', { name: 'Feature sets, newest first' })
        .getByRole('link', { name: 'cards-application' })
        .waitFor();
      await screenshot(page, 'feature-sets');
      await expectAccessible(page, 'feature-sets');
      expectClean();
    } finally {
      await close();
    }
  }, 120_000);
});
