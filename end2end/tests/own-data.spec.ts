import { test, expect } from '@playwright/test';
import { declare, expectAccessible, newNumber, open, settle, today } from './helpers';

test('a citizen sees what ZonePass holds on them, and until when, with the phone they declared', async ({ page, request }, info) => {
  const number = newNumber();
  await declare(request, number);

  await open(page, info, '/khai-bao');
  await expect(page.getByText(/được lưu 30 ngày sau ngày đi rồi tự động xoá/)).toBeVisible();
  await page.getByRole('link', { name: 'Dữ liệu của tôi' }).click();
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dữ liệu của tôi');
  await expectAccessible(page);

  // Another phone: the same answer as for a number nobody declared.
  await page.getByLabel('Số CCCD/CMND').fill(number);
  await page.getByLabel('Số điện thoại đã khai').fill('0987 000 111');
  await page.getByRole('button', { name: 'Xem dữ liệu' }).click();
  await settle(page, info);
  await expect(page.getByRole('status')).toHaveText(/không lưu tờ khai nào/);
  expect(page.url()).not.toContain('0987');

  await page.getByLabel('Số CCCD/CMND').fill(number);
  await page.getByLabel('Số điện thoại đã khai').fill('0912 345 678');
  await page.getByRole('button', { name: 'Xem dữ liệu' }).click();
  await settle(page, info);
  const trip = page.getByRole('article', { name: `Chuyến đi ngày ${today()}` });
  await expect(trip).toBeVisible();
  await expect(trip.getByText('Trần Thị Ánh')).toBeVisible();
  const heldUntil = new Date(Date.parse(`${today()}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  await expect(trip.getByText(heldUntil)).toBeVisible();
  await expectAccessible(page);
});
