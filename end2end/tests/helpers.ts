import { APIRequestContext, BrowserContext, expect, Page, test, TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const DEMO_PASSWORD = 'zonepass-demo';

export function hydrated(info: TestInfo): boolean {
  return info.project.name === 'hydrated';
}

/** Opens a page and, when JavaScript runs, waits until the app has hydrated. */
export async function open(page: Page, info: TestInfo, path: string) {
  await page.goto(path);
  await settle(page, info);
}

export async function settle(page: Page, info: TestInfo) {
  if (hydrated(info)) {
    await page.waitForSelector('body[data-hydrated="true"]');
  } else {
    await page.waitForLoadState('load');
  }
}

/**
 * WCAG 2.1 AA scan of what is on screen; any violation fails the test. axe-core is a script, so for a page
 * seen with JavaScript off it scans the very same HTML, replayed into a page whose own scripts are blocked.
 */
export async function expectAccessible(page: Page) {
  let target = page;
  let scratch: BrowserContext | undefined;
  if (!(await scriptsRun(page))) {
    const url = page.url();
    const html = await page.content();
    scratch = await page.context().browser()!.newContext({ javaScriptEnabled: true, viewport: page.viewportSize(), locale: 'vi-VN' });
    target = await scratch.newPage();
    await target.route('**/*', route => {
      const request = route.request();
      if (request.resourceType() === 'document' && request.url() === url) {
        return route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' });
      }
      if (request.resourceType() === 'script' || request.url().endsWith('.wasm')) return route.abort();
      return route.continue();
    });
    await target.goto(url);
  }
  const results = await new AxeBuilder({ page: target })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`);
  await scratch?.close();
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** With JavaScript off, even Playwright's own evaluate never returns: ask the project instead. */
async function scriptsRun(_page: Page): Promise<boolean> {
  return test.info().project.use.javaScriptEnabled !== false;
}

export async function logIn(page: Page, info: TestInfo, username: string, password = DEMO_PASSWORD) {
  await open(page, info, '/login');
  await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
  await page.getByLabel(/^(Mật khẩu|Password)$/).fill(password);
  await page.getByRole('button', { name: /Đăng nhập|Log in/ }).click();
  await settle(page, info);
}

/** Today in Vietnam (UTC+7), as the server's calendar sees it. */
export function today(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** A fresh CCCD number for a woman born in 1990 in Hải Dương. */
export function newNumber(): string {
  return `030190${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`;
}

/** Declares through the API and returns the pass. */
export async function declare(request: APIRequestContext, number = newNumber(), destination = '10507') {
  const reply = await request.post('/api/v1/declarations', {
    data: {
      document_type: 'cccd', document_number: number, full_name: 'Trần Thị Ánh',
      birth_date: '1990-05-17', sex: 'female', phone: '0912345678', residence_commune: '10507',
      residence_address: 'Số 1, Thôn 3', origin_commune: '00004', destination_commune: destination,
      travel_date: today(), vehicle: 'car', vehicle_plate: '34A-12345', symptoms: [], close_contact: false,
      vaccination_doses: 2,
    },
  });
  expect(reply.status(), await reply.text()).toBe(201);
  return (await reply.json()).pass as { id: string; holder_key: string; url: string; token: string; expires_at: string };
}

