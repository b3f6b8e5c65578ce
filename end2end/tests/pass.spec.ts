import { test, expect } from '@playwright/test';
import { declare, expectAccessible, newNumber, open } from './helpers';

test('the pass page shows the QR, the holder and the time left, accessibly', async ({ page, request }, info) => {
  const pass = await declare(request);
  await open(page, info, pass.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trần Thị Ánh');
  await expect(page.getByRole('img', { name: /Mã QR thẻ đi lại của Trần Thị Ánh/ })).toBeVisible();
  await expect(page.getByRole('status')).toContainText(/Còn hiệu lực: 7[12] giờ/);
  await expect(page.getByText(/^Phường Cẩm Thượng, Thành phố Hải Dương/)).toBeVisible();
  const download = page.getByRole('link', { name: 'Tải ảnh mã QR' });
  await expect(download).toHaveAttribute('href', `/api/v1/passes/${pass.holder_key}/qr.png`);
  const png = await request.get(`/api/v1/passes/${pass.holder_key}/qr.png`);
  expect(png.headers()['content-type']).toBe('image/png');
  await expectAccessible(page);
});

test('the holder replaces the pass from its page; a stranger with the same ID number cannot', async ({ page, request }, info) => {
  const number = newNumber();
  const first = await declare(request, number, '10507');
  const strangers = await declare(request, number, '10510');
  expect(strangers.holder_key).not.toBe(first.holder_key);
  await open(page, info, first.url);
  await expect(page.getByRole('status')).toContainText('Còn hiệu lực');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Khai báo lại và thay thẻ này' }).click();
  await expect(page.getByText('Tờ khai này sẽ thay thẻ hiện tại của bạn')).toBeVisible();
  await expectAccessible(page);
  await open(page, info, first.url);
  await page.locator('summary', { hasText: 'Hủy thẻ này' }).click();
  await page.getByRole('button', { name: 'Hủy thẻ ngay' }).click();
  await expect(page.getByRole('status')).toHaveText('Thẻ này đã bị hủy hoặc đã được thay bằng một tờ khai mới.');
  await expect(page.getByRole('link', { name: 'Khai báo lại', exact: true })).toBeVisible();
  await expectAccessible(page);

  await open(page, info, `/pass/${strangers.id}`);
  await expect(page.getByRole('alert')).toHaveText('Không tìm thấy.');
  await open(page, info, '/pass/ffffffffffffffffffffffffffffffffffffffff');
  await expect(page.getByRole('alert')).toHaveText('Không tìm thấy.');
  await expectAccessible(page);
});
