/**
 * The local cloud with its web app, and a headless Chromium, for one end-to-end test file:
 * `useE2eCloud()` starts both before the file's tests (a fresh TALATY_HOME, free ports, the web
 * app's development build, built when its sources changed) and stops them after.
 * `e2e.openPage()` opens a watched page on the web app; `signIn(page, user)` signs in through the
 * local login page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startTestCloud, type TestCloud } from '../local-cloud.ts';
import { launchBrowser, openPage, type PageOptions, type WatchedPage } from './browser.ts';

export interface E2eCloud {
  /** The local cloud (API client, database, Step Functions client) as the API tests have it. */
  readonly cloud: TestCloud;
  /** The web app's base URL. */
  readonly webUrl: string;
  readonly browser: Browser;
  /** A fresh browser context (signed out) on the web app. */
  openPage(options?: Omit<PageOptions, 'baseURL'>): Promise<WatchedPage>;
  close(): Promise<void>;
}

export interface E2eCloudOptions {
  /** Local cloud settings (TALATY_* variables of the README). */
  readonly env?: Readonly<Record<string, string>>;
  /** Variables set on every function, e.g. small limits. */
  readonly functionEnv?: Readonly<Record<string, string>>;
}

export async function startE2eCloud(options: E2eCloudOptions = {}): Promise<E2eCloud> {
  const [cloud, browser] = await Promise.all([
    // The development build: React's warnings reach the console the page watcher reads.
    startTestCloud(undefined, options.env, options.functionEnv, { web: true, webMode: 'development' }),
    launchBrowser(),
  ]);
  const webUrl = cloud.cloud.webUrl;
  if (webUrl === undefined) throw new Error('the local cloud started without its web app');
  return {
    cloud,
    webUrl,
    browser,
    openPage: (pageOptions = {}) => openPage(browser, { ...pageOptions, baseURL: webUrl }),
    close: async () => {
      await browser.close();
      await cloud.dispose();
    },
  };
}

/**
 * Starts the cloud and the browser before the file's tests and stops them after; the returned
 * function gives them to a test.
 */
export function useE2eCloud(options: E2eCloudOptions = {}): () => E2eCloud {
  let e2e: E2eCloud | undefined;
  beforeAll(async () => {
    e2e = await startE2eCloud(options);
  }, 180_000);
  afterAll(async () => {
    await e2e?.close();
  }, 60_000);
  return () => {
    if (e2e === undefined) throw new Error('the end-to-end cloud is not running (did beforeAll fail?)');
    return e2e;
  };
}

/** Signs in on the local login page as `user` and waits until the app has left it. */
export async function signIn(page: Page, user: string): Promise<void> {
  if (!new URL(page.url(), 'http://x').pathname.startsWith('/login')) await page.goto('/login');
  await page.getByLabel('User name').fill(user);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  expect(await page.evaluate("localStorage.getItem('talaty.user')")).toBe(user);
}
