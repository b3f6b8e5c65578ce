import { test, expect, chromium, APIRequestContext, Browser } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drawPng, drawText, frames } from './camera';
import { declare, expectAccessible, hydrated, logIn, newNumber, settle, today } from './helpers';

// Each case starts a Chromium whose fake camera shows one frame made from a pass, as the BUILD-NOTES recipe
// says: the flags are the browser's, so each frame needs its own browser.
let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zonepass-frames-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withCamera(frame: string, run: (browser: Browser) => Promise<void>) {
  const launch = test.info().project.use.launchOptions ?? {};
  const browser = await chromium.launch({
    ...launch,
    args: [
      ...(launch.args ?? []),
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${frame}`,
    ],
  });
  try {
    await run(browser);
  } finally {
    await browser.close();
  }
}

async function passFrom(request: APIRequestContext, origin: string) {
  const reply = await request.post('/api/v1/declarations', {
    data: {
      document_type: 'cccd', document_number: newNumber(), full_name: 'Vũ Thị Hoa', birth_date: '1990-05-17',
      sex: 'female', phone: '0912345678', residence_commune: '10507', residence_address: 'Số 2',
      origin_commune: origin, destination_commune: '10507', travel_date: today(), vehicle: 'car',
      vehicle_plate: '', symptoms: [], close_contact: false, vaccination_doses: 2,
    },
  });
  expect(reply.status()).toBe(201);
  return (await reply.json()).pass as { id: string; holder_key: string; token: string };
}

async function pngOf(request: APIRequestContext, holderKey: string): Promise<Buffer> {
  return Buffer.from(await (await request.get(`/api/v1/passes/${holderKey}/qr.png`)).body());
}

/** Logs in as the officer with the fake camera, opens the scanner, optionally moves the device clock, starts the camera. */
async function scanWithCamera(browser: Browser, baseURL: string, hoursLater = 0) {
  const context = await browser.newContext({ baseURL, locale: 'vi-VN', viewport: { width: 360, height: 740 }, permissions: ['camera'] });
  const page = await context.newPage();
  const info = test.info();
  if (hoursLater) await page.clock.install({ time: new Date() });
  await logIn(page, info, 'officer.hd01');
  await page.goto('/kiem-soat');
  await settle(page, info);
  await page.waitForFunction(() => localStorage.getItem('zonepass.scanner.bundle') !== null);
  if (hoursLater) await page.clock.fastForward(hoursLater * 3600 * 1000);
  await page.getByRole('button', { name: 'Bật camera quét' }).click();
  return page;
}

test('the camera reads passes: green, amber from a level-4 area, red when expired or tampered', async ({ page, request, baseURL }, info) => {
  test.skip(!hydrated(info), 'a camera needs JavaScript; without it the typed field (scanner.spec) is the way in');
  test.setTimeout(120_000);

  // Phường Cống Vị (Hà Nội) becomes a level-4 area.
  await logIn(page, info, 'admin');
  await page.goto('/admin/areas');
  await settle(page, info);
  await page.getByLabel('Mã đơn vị hành chính (tỉnh, huyện hoặc xã)').fill('00007');
  await page.getByLabel('Cấp độ dịch').selectOption('4');
  await page.getByRole('button', { name: 'Công bố vùng dịch' }).click();
  await settle(page, info);
  await expect(page.getByText('Đã lưu.')).toBeVisible();

  const plainNumber = newNumber();
  const plain = await declare(request, plainNumber, '10507');
  const green = join(dir, 'green.y4m');
  frames(green, drawPng(await pngOf(request, plain.holder_key)));
  await withCamera(green, async (browser) => {
    const scanner = await scanWithCamera(browser, baseURL!);
    await expect(scanner.locator('#verdict-title')).toHaveText('HỢP LỆ — CHO QUA', { timeout: 15_000 });
    await expect(scanner.locator('.verdict')).toContainText('Trần Thị Ánh');
    await expectAccessible(scanner);
    const measured = await scanner.evaluate(() => performance.getEntriesByName('zonepass:frame-to-verdict').length);
    expect(measured).toBeGreaterThan(0);
  });

  // The traveller holds up the pass, then the chip card, whose QR says the 18th where the pass says the 17th.
  const withCard = join(dir, 'card.y4m');
  const passImage = drawPng(await pngOf(request, plain.holder_key));
  const card = drawText(`${plainNumber}||Trần Thị Ánh|18051990|Nữ|Số 1, Thôn 3|01062021`);
  frames(withCard, passImage, passImage, passImage, card, card, card);
  await withCamera(withCard, async (browser) => {
    const scanner = await scanWithCamera(browser, baseURL!);
    await expect(scanner.locator('#verdict-title')).toHaveText('HỢP LỆ — CHO QUA', { timeout: 15_000 });
    const compared = scanner.getByRole('table', { name: 'So sánh với thẻ CCCD' });
    await expect(compared.getByRole('row', { name: /Ngày sinh/ })).toContainText('KHÔNG KHỚP', { timeout: 15_000 });
    await expect(compared.getByRole('row', { name: /Họ và tên/ })).toContainText('Khớp');
  });

  const fromArea = await passFrom(request, '00007');
  const amber = join(dir, 'amber.y4m');
  frames(amber, drawPng(await pngOf(request, fromArea.holder_key)));
  await withCamera(amber, async (browser) => {
    const scanner = await scanWithCamera(browser, baseURL!);
    await expect(scanner.locator('#verdict-title')).toHaveText('HỢP LỆ — CẦN XỬ LÝ', { timeout: 15_000 });
    await expect(scanner.locator('.verdict')).toContainText('Đưa đi xét nghiệm');
  });

  await withCamera(green, async (browser) => {
    const scanner = await scanWithCamera(browser, baseURL!, 73);
    await expect(scanner.locator('#verdict-title')).toHaveText('KHÔNG HỢP LỆ', { timeout: 15_000 });
    await expect(scanner.locator('.verdict')).toContainText('Thẻ đã hết hạn.');
  });

  const at = plain.token.length - 30;
  const tampered = plain.token.slice(0, at) + (plain.token[at] === 'A' ? 'B' : 'A') + plain.token.slice(at + 1);
  const red = join(dir, 'red.y4m');
  frames(red, drawText(tampered));
  await withCamera(red, async (browser) => {
    const scanner = await scanWithCamera(browser, baseURL!);
    await expect(scanner.locator('#verdict-title')).toHaveText('KHÔNG HỢP LỆ', { timeout: 15_000 });
    await expect(scanner.locator('.verdict')).not.toContainText('Trần Thị Ánh');
  });
});
