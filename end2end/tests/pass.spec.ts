import { test, expect } from '@playwright/test';
import { declare, expectAccessible, newNumber, open } from './helpers';

test('the pass page shows the QR, the holder and the time left, accessibly', async ({ page, request }, info) => {
  const pass = await declare(request);
  await open(page, info, `/pass/${pass.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trần Thị Ánh');
  await expect(page.getByRole('img', { name: /Mã QR thẻ đi lại của Trần Thị Ánh/ })).toBeVisible();
  await expect(page.getByRole('status')).toContainText(/Còn hiệu lực: 7[12] giờ/);
  await expect(page.getByText(/^Phường Cẩm Thượng, Thành phố Hải Dương/)).toBeVisible();
  const download = page.getByRole('link', { name: 'Tải ảnh mã QR' });
  await expect(download).toHaveAttribute('href', `/api/v1/passes/${pass.id}/qr.png`);
  const png = await request.get(`/api/v1/passes/${pass.id}/qr.png`);
  expect(png.headers()['content-type']).toBe('image/png');
  await expectAccessible(page);
});

test('a pass replaced by a newer declaration says so; an unknown pass is not found', async ({ page, request }, info) => {
  const number = newNumber();
  const first = await declare(request, number, '10507');
  const second = await declare(request, number, '10510');
  expect(second.id).not.toBe(first.id);
  await open(page, info, `/pass/${first.id}`);
  await expect(page.getByRole('status')).toHaveText('Thẻ này đã được thay bằng một tờ khai mới.');
  await expect(page.getByRole('link', { name: 'Khai báo lại' })).toBeVisible();
  await expectAccessible(page);
  await open(page, info, `/pass/${second.id}`);
  await expect(page.getByRole('status')).toContainText('Còn hiệu lực');

  await open(page, info, '/pass/ffffffffffffffff');
  await expect(page.getByRole('alert')).toHaveText('Không tìm thấy.');
  await expectAccessible(page);
});
