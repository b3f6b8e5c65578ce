import { test, expect, chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { declare, expectAccessible, hydrated, open } from './helpers';

test('the manifest names the app and its icons load', async ({ page, request }, info) => {
  await open(page, info, '/');
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest.short_name).toBe('ZonePass');
  expect(manifest.start_url).toBe('/');
  expect(manifest.display).toBe('standalone');
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) {
    const reply = await request.get(icon.src);
    expect(reply.status(), icon.src).toBe(200);
    expect(reply.headers()['content-type']).toContain(icon.type);
  }
});

test('the app installs: Chromium finds nothing missing', async ({ baseURL }, info) => {
  test.skip(!hydrated(info), 'installing needs the service worker, which needs JavaScript');
  // Chromium never offers to install from an incognito window, which every Playwright context is
  // unless it has a profile of its own.
  const profile = mkdtempSync(join(tmpdir(), 'zonepass-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...info.project.use.launchOptions,
    baseURL,
    viewport: { width: 360, height: 740 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await page.waitForSelector('body[data-hydrated="true"]');
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('a person who declared once opens the pass with no network at all', async ({ page, request }, info) => {
  test.skip(!hydrated(info), 'a service worker needs JavaScript; without it the downloaded or printed QR is the offline copy');
  const pass = await declare(request);
  await open(page, info, '/');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await open(page, info, pass.url);
  await expect(page.getByRole('status')).toContainText('Còn hiệu lực');
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await page.context().setOffline(true);
  try {
    const again = await page.reload();
    expect(again?.fromServiceWorker()).toBe(true);
    await page.waitForSelector('body[data-hydrated="true"]');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trần Thị Ánh');
    await expect(page.getByRole('img', { name: /Mã QR thẻ đi lại/ })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('Còn hiệu lực');

    // From the home screen, still offline: the device lists the passes it keeps.
    const home = await page.goto('/');
    expect(home?.fromServiceWorker()).toBe(true);
    await page.waitForSelector('body[data-hydrated="true"]');
    const kept = page.getByRole('region', { name: 'Thẻ đi lại trên máy này' });
    await kept.getByRole('link', { name: 'Trần Thị Ánh' }).first().click();
    await expect(page).toHaveURL(new RegExp(`/pass/${pass.holder_key}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trần Thị Ánh');
    await expectAccessible(page);
  } finally {
    await page.context().setOffline(false);
  }
});
