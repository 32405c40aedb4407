/**
 * What the e2e tests ask of a page beyond finding elements: its title, its width, its charts, the
 * API calls it makes.
 */
import type { Locator, Page, Request } from 'playwright-core';
import { expect } from 'vitest';

/** The page's title (its one h1); a string names it exactly, a pattern matches part of it. */
export const heading = (page: Page, name: string | RegExp): Locator =>
  page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' });

/** The page fits the window's width (1366 px for a laptop): no sideways scrolling. */
export const fitsWidth = (page: Page): Promise<boolean> =>
  page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

/** The `d` of every path inside an element (an SVG chart). */
const pathData = (chart: Locator) =>
  chart.evaluate((svg) => [...svg.querySelectorAll('path')].map((p) => p.getAttribute('d') ?? ''));

/**
 * A chart with at least `lines` polylines of four or more points (curves, not an empty frame), once
 * the data of every series has arrived (a chart may first draw the series that came first).
 */
export async function expectDrawn(chart: Locator, lines: number): Promise<void> {
  await expect
    .poll(async () => (await pathData(chart)).filter((d) => /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){3,}/.test(d)).length)
    .toBeGreaterThanOrEqual(lines);
}

/** The paths of the fetch and XHR requests the page makes while `action` runs (the app's API calls). */
export async function apiCallsDuring(page: Page, action: () => Promise<unknown>): Promise<string[]> {
  const paths: string[] = [];
  const record = (request: Request) => {
    if (['fetch', 'xhr'].includes(request.resourceType())) paths.push(new URL(request.url()).pathname);
  };
  page.on('request', record);
  try {
    await action();
  } finally {
    page.off('request', record);
  }
  return paths;
}
