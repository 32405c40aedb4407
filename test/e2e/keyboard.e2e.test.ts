/**
 * Keyboard only, no mouse: sign in and create a dataset with Tab, typing and Enter. Every control
 * the Tab key reaches shows where the focus is, the skip link leads past the navigation, and a new
 * page whose button is gone keeps the focus in its content; Escape closes an inline form.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './browser.ts';
import { useE2eCloud } from './cloud.ts';

const e2e = useE2eCloud();

interface Focus {
  /** The focused element's label, aria-label or text: what a screen reader would call it. */
  readonly name: string;
  /** Whether an outline marks it (at least 2 px, not `none`). */
  readonly visible: boolean;
}

/** The element with the focus, by name, and whether its focus can be seen. */
const focused = (page: Page): Promise<Focus> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (el === null || el === document.body) return { name: '(body)', visible: false };
    const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent;
    const style = getComputedStyle(el);
    return {
      name: (label ?? '').trim(),
      visible: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2,
    };
  });

/**
 * Presses Tab until the control called `name` has the focus (at most `max` times) and returns the
 * names of the stops on the way; fails if any stop's focus cannot be seen.
 */
async function tabTo(page: Page, name: string, max = 25): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const focus = await focused(page);
    stops.push(focus.name);
    expect(focus.visible, `the focus on “${focus.name}” is visible`).toBe(true);
    if (focus.name === name) return stops;
  }
  throw new Error(`Tab never reached “${name}”; stops: ${stops.join(' → ')}`);
}

describe('keyboard only', () => {
  it('signs in and creates a dataset without the mouse', async () => {
    const { page, expectClean, close } = await e2e().openPage();
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: 'Sign in to Talaty' }).waitFor();

      // The login page opens with its only field focused; Tab reaches the button, Enter signs in.
      expect(await focused(page)).toEqual({ name: 'User name', visible: true });
      await page.keyboard.type('e2e-keyboard');
      expect(await tabTo(page, 'Sign in')).toEqual(['Sign in']);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Datasets' }).waitFor();
      expect(await page.evaluate("localStorage.getItem('talaty.user')")).toBe('e2e-keyboard');

      // From the top of the page: the skip link first, shown when focused, leading to the content.
      await page.getByRole('button', { name: 'New dataset' }).waitFor();
      const fromTop = await tabTo(page, 'New dataset');
      expect(fromTop[0]).toBe('Skip to content');
      expect(fromTop).toEqual(expect.arrayContaining(['Datasets', 'Features', 'Runs', 'Sign out']));
      await page.keyboard.press('Shift+Tab');
      while ((await focused(page)).name !== 'Skip to content') await page.keyboard.press('Shift+Tab');
      const skip = await page.getByRole('link', { name: 'Skip to content' }).boundingBox();
      expect(skip !== null && skip.x >= 0 && skip.y >= 0 && skip.width > 0).toBe(true);
      await page.keyboard.press('Enter');
      expect(await page.evaluate('document.activeElement?.id')).toBe('main');
      expect(await tabTo(page, 'New dataset')).toEqual(['New dataset']);

      // Enter opens the form with the name focused; Tab walks its fields in order; Enter submits.
      await page.keyboard.press('Enter');
      await page.getByRole('region', { name: 'New dataset' }).waitFor();
      expect(await focused(page)).toEqual({ name: 'Name', visible: true });
      await page.keyboard.type('keyboard-only');
      expect(await tabTo(page, 'Tags')).toEqual(['Tags']);
      await page.keyboard.type('e2e, keyboard');
      expect(await tabTo(page, 'Description')).toEqual(['Description']);
      await page.keyboard.type('Made without a mouse.');
      expect(await tabTo(page, 'Create dataset')).toEqual(['Create dataset']);
      await expectAccessible(page, 'new dataset form, filled in');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'keyboard-only' }).waitFor();
      await page.getByText('Made without a mouse.').waitFor();
      // The button that had the focus went with the form: the focus waits in the new page's content.
      await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('main');
      const next = await tabTo(page, 'Edit dataset');
      expect(next).not.toContain('Skip to content');

      // Escape closes the edit form without saving, and gives the focus back to its button.
      await page.keyboard.press('Enter');
      await page.getByLabel('Description', { exact: true }).waitFor();
      await page.getByLabel('Description', { exact: true }).focus();
      await page.keyboard.type(' Not saved.');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByLabel('Description', { exact: true }).count()).toBe(0);
      expect(await focused(page)).toEqual({ name: 'Edit dataset', visible: true });
      expect(await page.getByText('Made without a mouse. Not saved.').count()).toBe(0);
      expectClean();
    } finally {
      await close();
    }
  });
});
