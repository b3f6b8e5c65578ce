import { test, expect, APIRequestContext } from '@playwright/test';
import { expectAccessible, open } from './helpers';

/** Today in Vietnam (UTC+7), as the server's calendar sees it. */
function today(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** A fresh CCCD number for a woman born in 1990 in Hải Dương. */
function newNumber(): string {
  return `030190${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`;
}

/** Declares through the API and returns the pass. */
async function declare(request: APIRequestContext, number = newNumber(), destination = '10507') {
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
  return (await reply.json()).pass as { id: string; token: string; expires_at: string };
}

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
