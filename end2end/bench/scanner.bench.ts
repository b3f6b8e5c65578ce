// Frame to verdict on the checkpoint screen: Chromium's fake camera shows a pass (a frame made from the
// app's own QR PNG); the screen decodes in its worker (the Rust decoder: Linux Chromium has no
// BarcodeDetector), judges on the device and shows the verdict. The page marks each frame it sends and
// measures from the mark to the verdict; the figures are written to results/.
import { test, expect, chromium } from '@playwright/test';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drawPng, frames } from '../tests/camera';
import { declare, DEMO_PASSWORD, newNumber } from '../tests/helpers';

const SAMPLES = Number(process.env.ZONEPASS_BENCH_SCANS ?? 8);

test('frame to verdict', async ({ request, baseURL }) => {
  const pass = await declare(request, newNumber(), '10507');
  const png = Buffer.from(await (await request.get(`/api/v1/passes/${pass.id}/qr.png`)).body());
  const frame = join(mkdtempSync(join(tmpdir(), 'zonepass-bench-')), 'pass.y4m');
  frames(frame, drawPng(png));
  const launch = test.info().project.use.launchOptions ?? {};
  const browser = await chromium.launch({
    ...launch,
    args: [...(launch.args ?? []), '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${frame}`],
  });
  const context = await browser.newContext({ baseURL, locale: 'vi-VN', viewport: { width: 360, height: 740 }, permissions: ['camera'] });
  const page = await context.newPage();
  await page.goto('/login');
  await page.waitForSelector('body[data-hydrated]');
  await page.getByLabel('Tên đăng nhập').fill('officer.hd01');
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.goto('/kiem-soat');
  await page.waitForSelector('body[data-hydrated]');
  await page.waitForFunction(() => localStorage.getItem('zonepass.scanner.bundle') !== null);
  await page.getByRole('button', { name: 'Bật camera quét' }).click();
  for (let i = 0; i < SAMPLES; i++) {
    await expect(page.locator('#verdict-title')).toHaveText('HỢP LỆ — CHO QUA', { timeout: 20_000 });
    await page.getByRole('button', { name: 'Khớp giấy tờ — ghi nhận' }).click();
    await expect(page.locator('#verdict-title')).toHaveCount(0);
  }
  const samples: number[] = await page.evaluate(() =>
    performance.getEntriesByName('zonepass:frame-to-verdict').map((e) => e.duration));
  await browser.close();
  samples.sort((a, b) => a - b);
  const result = {
    when: new Date().toISOString(),
    decoder: 'rqrr (WASM, in a worker)',
    frame: '640x480',
    n: samples.length,
    median_ms: Math.round(samples[Math.floor(samples.length / 2)]),
    max_ms: Math.round(samples[samples.length - 1]),
    min_ms: Math.round(samples[0]),
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', `scanner-${result.when.replace(/[:.]/g, '')}.json`), JSON.stringify(result, null, 2));
  expect(samples.length).toBe(SAMPLES);
});
