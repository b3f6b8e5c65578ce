import { test, expect, APIRequestContext, Page } from '@playwright/test';
import { expectAccessible, hydrated, logIn, newNumber, open } from './helpers';

type Resident = { document_number: string; full_name: string; birth_date: string; sex: string; commune: string; address: string };

/** Residents of commune.hd's commune as the registry holds them (scripts/test reads them from the demo). */
function residents(): Resident[] {
  return JSON.parse(process.env.ZONEPASS_E2E_RESIDENTS ?? '[]');
}

/** A day of Vietnam's calendar `ahead` days after today: a trip may be declared for the coming days. */
function daysAhead(ahead: number): string {
  return new Date(Date.now() + 7 * 3600_000 + ahead * 86_400_000).toISOString().slice(0, 10);
}

async function declare(request: APIRequestContext, person: Resident, day: string) {
  const reply = await request.post('/api/v1/declarations', {
    data: {
      document_type: 'cccd', document_number: person.document_number, full_name: person.full_name,
      birth_date: person.birth_date, sex: person.sex, phone: '0912345678', residence_commune: person.commune,
      residence_address: person.address, origin_commune: '00004', destination_commune: person.commune,
      travel_date: day, vehicle: 'car', vehicle_plate: '', symptoms: [], close_contact: false, vaccination_doses: 2,
    },
  });
  expect(reply.status(), await reply.text()).toBe(201);
}

function card(page: Page, number: string) {
  return page.getByRole('article').filter({ hasText: number });
}

test('a commune officer reconciles a resident, a mismatch and someone the registry lacks', async ({ page, request }, info) => {
  const [resident, other] = residents();
  expect(other, 'two residents of the demo commune').toBeTruthy();
  // Each project works on a day of its own: a person arrives once a day.
  const day = daysAhead(hydrated(info) ? 1 : 2);
  const mismatch = { ...other, address: 'Số 999, Xóm Mới' };
  const stranger = { ...resident, document_number: newNumber(), full_name: 'Trần Thị Lạ', birth_date: '1990-05-17', sex: 'female' };
  for (const person of [resident, mismatch, stranger]) await declare(request, person, day);

  await logIn(page, info, 'commune.hd');
  await open(page, info, `/doi-soat?ngay=${day}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đối soát người đến với cơ sở dữ liệu dân cư');
  await expect(page.locator('#recon-left')).toHaveText('3');
  await expect(card(page, resident.document_number)).toContainText('Cư trú tại xã, thông tin khớp: xác nhận');
  await expect(card(page, other.document_number)).toContainText('Thông tin khác với cơ sở dữ liệu dân cư');
  await expect(card(page, other.document_number).getByRole('table', { name: 'Thông tin khác nhau' })).toContainText('Số 999, Xóm Mới');
  await expect(card(page, stranger.document_number)).toContainText('Không có trong cơ sở dữ liệu dân cư');
  await expectAccessible(page);

  const notice = page.getByRole('status').filter({ hasText: 'Đã lưu quyết định đối soát.' });
  const decide = async (number: string, decision: string) => {
    const arrival = card(page, number);
    await arrival.getByLabel(decision, { exact: true }).check();
    await arrival.getByRole('button', { name: 'Lưu quyết định' }).click();
    await expect(notice).toBeVisible();
  };
  await decide(resident.document_number, 'Xác nhận');
  // The mismatch: the declaration is corrected to the registry's address, offered filled in.
  await expect(card(page, other.document_number).getByLabel('Số nhà, đường, thôn/xóm')).toHaveValue(other.address);
  await decide(other.document_number, 'Sửa tờ khai theo thông tin đúng');
  await decide(stranger.document_number, 'Ghi nhận tạm trú');

  await expect(page.locator('#recon-done')).toHaveText('3');
  await expect(page.locator('#recon-left')).toHaveText('0');
  await expect(card(page, other.document_number)).toContainText('Đã quyết định: Sửa tờ khai theo thông tin đúng');
  await expectAccessible(page);

  // A decision that does not fit is refused in words, and changes nothing.
  await card(page, stranger.document_number).getByLabel('Đề nghị sửa cơ sở dữ liệu dân cư').check();
  await card(page, stranger.document_number).getByRole('button', { name: 'Lưu quyết định' }).click();
  await expect(page.getByRole('alert')).toHaveText('Đề nghị sửa dữ liệu dân cư cần ghi rõ căn cứ (giấy tờ đã xem).');
  await expect(card(page, stranger.document_number)).toContainText('Đã quyết định: Ghi nhận tạm trú');
});
