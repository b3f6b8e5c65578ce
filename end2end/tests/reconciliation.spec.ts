import { test, expect, APIRequestContext, Page } from '@playwright/test';
import { expectAccessible, hydrated, logIn, newNumber, open } from './helpers';

type Resident = { document_number: string; full_name: string; birth_date: string; sex: string; commune: string; address: string };

/** Residents of commune.hd's commune as the registry holds them (scripts/test reads them from the demo). */
function residents(): Resident[] {
  return JSON.parse(process.env.ZONEPASS_E2E_RESIDENTS ?? '[]');
}

/** A day of Vietnam's calendar `back` days before today. */
function daysAgo(back: number): string {
  return new Date(Date.now() + 7 * 3600_000 - back * 86_400_000).toISOString().slice(0, 10);
}

const COLUMNS = ['document_type', 'document_number', 'full_name', 'birth_date', 'sex', 'phone', 'residence_commune',
  'residence_address', 'origin_commune', 'destination_commune', 'travel_date', 'vehicle', 'vehicle_plate', 'symptoms',
  'close_contact', 'vaccination_doses', 'form_number', 'collected_on'];

/**
 * Paper forms of a closed day, typed at HD01 since: the people go on that day's lists (its addendum),
 * as a form typed the morning after does.
 */
async function arriveOnPaper(request: APIRequestContext, people: Resident[], day: string) {
  const session = await request.post('/api/v1/session', { data: { username: 'entry.hd01', password: 'zonepass-demo' } });
  const token = (await session.json()).token;
  const rows = people.map(p => [
    'cccd', p.document_number, p.full_name, p.birth_date, p.sex, '0912345678', p.commune, `"${p.address}"`, '00004',
    p.commune, day, 'car', '', '', 'không', '2', `R-${Math.random().toString(36).slice(2, 10)}`, day,
  ].join(','));
  const reply = await request.post('/api/v1/checkpoints/HD01/paper-forms', {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    data: [COLUMNS.join(','), ...rows].join('\n'),
  });
  expect(reply.status(), await reply.text()).toBe(200);
  expect((await reply.json()).imported).toBe(people.length);
}

function card(page: Page, number: string) {
  return page.getByRole('article').filter({ hasText: number });
}

test('a commune officer reconciles three arrivals, the chief approves the report and the steering committee prints it', async ({ page, request }, info) => {
  // Each project works on a closed day of its own (the day's report is approved once) and with people of
  // its own (a form of someone who travelled to the commune the day before is the same trip).
  const [resident, other] = residents().slice(hydrated(info) ? 0 : 2);
  expect(other, 'residents of the demo commune').toBeTruthy();
  const day = daysAgo(hydrated(info) ? 3 : 4);
  const mismatch = { ...other, address: 'Số 999, Xóm Mới' };
  const stranger = { ...resident, document_number: newNumber(), full_name: 'Trần Thị Lạ', birth_date: '1990-05-17', sex: 'female' };
  await arriveOnPaper(request, [resident, mismatch, stranger], day);

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
  // A registry correction without its evidence is refused in words, and changes nothing.
  await card(page, stranger.document_number).getByLabel('Đề nghị sửa cơ sở dữ liệu dân cư').check();
  await card(page, stranger.document_number).getByRole('button', { name: 'Lưu quyết định' }).click();
  await expect(page.getByRole('alert')).toHaveText('Đề nghị sửa dữ liệu dân cư cần ghi rõ căn cứ (giấy tờ đã xem).');
  await expect(card(page, stranger.document_number)).toContainText('Đã quyết định: Ghi nhận tạm trú');
  await expectAccessible(page);

  // The chief approves the commune's report of the day.
  await logIn(page, info, 'chief.hd');
  await open(page, info, `/bao-cao?ngay=${day}`);
  const main = page.getByRole('table', { name: 'Tổng hợp trong ngày' });
  await expect(main.getByRole('row', { name: /Đã xác minh cư trú/ })).toContainText('2');
  await expect(main.getByRole('row', { name: /Không có trong cơ sở dữ liệu dân cư/ })).toContainText('1');
  await expect(page.locator('#report-status')).toHaveText('Chưa phê duyệt');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Phê duyệt báo cáo' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã phê duyệt báo cáo; số liệu đã được khóa.');
  await expect(page.locator('#report-status')).toContainText('Người phê duyệt: chief.hd');
  await expect(page.getByRole('button', { name: 'Phê duyệt báo cáo' })).toHaveCount(0);

  // The steering committee reads it, cannot approve it, and prints it on one A4 page.
  await logIn(page, info, 'steering.hd');
  await open(page, info, `/bao-cao?ngay=${day}`);
  await expect(page.locator('#report-status')).toContainText('Người phê duyệt: chief.hd');
  await expect(page.getByRole('button', { name: 'Phê duyệt báo cáo' })).toHaveCount(0);
  await expectAccessible(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Tải CSV' })).toBeHidden();
  await expect(main).toBeVisible();
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages, 'the report prints on one page').toBe(1);
});
