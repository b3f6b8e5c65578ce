import { test, expect, APIRequestContext, Page } from '@playwright/test';
import { expectAccessible, hydrated, logIn, open } from './helpers';

/** Moves the served app's clock (the e2e server runs with ZONEPASS_TEST_CLOCK=1). */
async function shiftServerClock(request: APIRequestContext, offsetSeconds: number) {
  const reply = await request.post('/test/clock', { data: { offset_seconds: offsetSeconds } });
  expect(reply.status()).toBe(204);
}

test.afterEach(async ({ request }) => {
  await shiftServerClock(request, 0);
});

/** A day of Vietnam's calendar `back` days before today. */
function daysAgo(back: number): string {
  return new Date(Date.now() + 7 * 3600_000 - back * 86_400_000).toISOString().slice(0, 10);
}

/** The server closes the past week's days when it starts: wait for the day to be closed. */
async function closed(request: APIRequestContext, day: string) {
  const session = await request.post('/api/v1/session', { data: { username: 'national', password: 'zonepass-demo' } });
  const token = (await session.json()).token;
  await expect
    .poll(async () => (await (await request.get(`/api/v1/units/30/lists?date=${day}`, { headers: { authorization: `Bearer ${token}` } })).json()).status)
    .not.toBe('open');
}

function below(page: Page) {
  return page.getByRole('table', { name: 'Đơn vị cấp dưới' });
}

/** The row of the units below, `n` from the top. */
function childRow(page: Page, n: number) {
  return below(page).getByRole('row').nth(n + 1);
}

test('a list goes down from province to district to commune, and one left unacknowledged turns overdue', async ({ page, request }, info) => {
  // Each project works on a day of its own: the hand-over of a day happens once.
  const day = daysAgo(hydrated(info) ? 1 : 2);
  await closed(request, day);
  const lists = `/danh-sach?ngay=${day}`;
  const notice = page.getByRole('status').filter({ hasText: /Đã chuyển danh sách|Đã xác nhận/ });

  // The province forwards its first district's list.
  await logIn(page, info, 'province.hd');
  await open(page, info, lists);
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`Tỉnh Hải Dương.*${day}`) })).toBeVisible();
  const district = childRow(page, 0);
  const districtName = (await district.getByRole('cell').first().innerText()).trim();
  await expect(district).toContainText('Mới');
  // The province's dashboard: its checkpoints' day and the epidemic areas in force.
  await expect(page.getByRole('table', { name: 'Các chốt trong ngày' })).toContainText('HD01');
  await expect(page.getByText('Vùng dịch đang áp dụng', { exact: true })).toBeVisible();
  await expectAccessible(page);
  await district.getByRole('button', { name: 'Chuyển danh sách' }).click();
  await expect(notice).toHaveText('Đã chuyển danh sách.');
  await expect(childRow(page, 0)).toContainText('Đã chuyển');
  await expect(childRow(page, 0).getByRole('button')).toHaveCount(0);

  // The district sees it arrive, acknowledges it and forwards two communes' lists.
  await logIn(page, info, 'district.hd');
  await open(page, info, lists);
  await expect(page.locator('#list-name')).toContainText(districtName);
  await expect(page.getByText('Trạng thái: Đã chuyển')).toBeVisible();
  await page.getByRole('button', { name: 'Xác nhận đã nhận danh sách' }).click();
  await expect(notice).toHaveText('Đã xác nhận nhận danh sách.');
  await expect(page.getByText('Trạng thái: Đã nhận')).toBeVisible();
  const communeName = (await childRow(page, 0).getByRole('cell').first().innerText()).trim();
  for (const n of [0, 1]) {
    await childRow(page, n).getByRole('button', { name: 'Chuyển danh sách' }).click();
    await expect(notice).toHaveText('Đã chuyển danh sách.');
  }
  await expect(childRow(page, 1)).toContainText('Đã chuyển');
  await expectAccessible(page);

  // The first commune acknowledges its own.
  await logIn(page, info, 'commune.hd');
  await open(page, info, lists);
  await expect(page.locator('#list-name')).toContainText(communeName);
  await page.getByRole('button', { name: 'Xác nhận đã nhận danh sách' }).click();
  await expect(notice).toHaveText('Đã xác nhận nhận danh sách.');
  await expect(page.getByText('Trạng thái: Đã nhận')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Xác nhận đã nhận danh sách' })).toHaveCount(0);
  await expectAccessible(page);

  // Above, the district sees one commune acknowledged and one still only forwarded...
  await logIn(page, info, 'district.hd');
  await open(page, info, lists);
  await expect(childRow(page, 0)).toContainText('Đã nhận');
  await expect(childRow(page, 1)).toContainText('Đã chuyển');
  await expect(childRow(page, 1)).not.toContainText('Quá hạn');
  // ...which is overdue once twelve hours have passed (sessions last twelve hours: sign in again).
  await shiftServerClock(request, 13 * 3600);
  await logIn(page, info, 'district.hd');
  await open(page, info, lists);
  await expect(childRow(page, 1)).toContainText('Quá hạn xác nhận');
  await expect(childRow(page, 0)).not.toContainText('Quá hạn');
  await expectAccessible(page);

  // The province sees its district's list acknowledged.
  await logIn(page, info, 'province.hd');
  await open(page, info, lists);
  await expect(childRow(page, 0)).toContainText('Đã nhận');
});
