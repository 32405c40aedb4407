/**
 * The web app against the local cloud, end to end: signed out it shows the login page, signing in
 * lands on the datasets page, and nothing on the way logs an error or fails a request.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshot } from './browser.ts';
import { signIn, useE2eCloud } from './cloud.ts';

const e2e = useE2eCloud();

describe('the web app', () => {
  it('signs in with a user name and lands on the datasets page', async () => {
    const { page, expectClean, close } = await e2e().openPage();
    try {
      await page.goto('/');
      await page.waitForURL((url) => url.pathname === '/login');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in to Talaty');
      await screenshot(page, 'login');
      await expectAccessible(page, 'login');

      await signIn(page, 'e2e-smoke');
      // Back where the visit started (/), which is the datasets page.
      await page.waitForURL((url) => url.pathname === '/datasets');
      await page.getByRole('heading', { level: 1, name: 'Datasets' }).waitFor();
      await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
      await screenshot(page, 'datasets');
      await expectAccessible(page, 'datasets');
      expectClean();
    } finally {
      await close();
    }
  });

  it('serves the runtime configuration that points the app at the local API', async () => {
    const response = await fetch(new URL('/config.json', e2e().webUrl));
    expect(await response.json()).toEqual({
      mode: 'local',
      stage: 'dev',
      region: 'us-east-1',
      apiUrl: `${e2e().cloud.cloud.apiUrl}/`,
    });
  });
});

describe('the page watcher', () => {
  it('reports console errors, page errors and unexpected error responses, but not allowed ones', async () => {
    const watched = await e2e().openPage({ allow: [{ status: 404, url: /\/allowed-missing\.js$/ }] });
    try {
      await watched.page.goto('/login');
      await watched.page.evaluate(`(async () => {
        console.error('deliberate console error');
        setTimeout(() => { throw new Error('deliberate page error'); });
        await fetch('/allowed-missing.js');
        await fetch('/unexpected-missing.js');
      })()`);
      await expect
        .poll(() => watched.problems().join('\n'))
        .toMatch(/deliberate console error[\s\S]*deliberate page error/);
      const problems = watched.problems();
      expect(problems.some((p) => p.startsWith('HTTP 404: GET') && p.endsWith('/unexpected-missing.js'))).toBe(true);
      expect(problems.filter((p) => p.includes('allowed-missing'))).toEqual([]);
      expect(() => watched.expectClean()).toThrow();
    } finally {
      await watched.close();
    }
  });
});
