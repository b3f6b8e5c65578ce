import { test, expect, Page, TestInfo } from '@playwright/test';
import { expectAccessible, hydrated, open, settle, today } from './helpers';

/** Chooses a province and then a commune; without JavaScript the commune list needs a round trip. */
async function pickPlace(page: Page, info: TestInfo, kind: string, province: string, commune: string) {
  await page.locator(`#${kind}-province`).selectOption(province);
  if (!hydrated(info)) {
    await page.locator(`button[name="refresh"][value="${kind}"]`).click();
    await settle(page, info);
  }
  await expect(page.locator(`#${kind}_commune option[value="${commune}"]`)).toHaveCount(1);
  await page.locator(`#${kind}_commune`).selectOption(commune);
}

test('a citizen declares in Vietnamese, fixes a rejected CCCD and gets a pass', async ({ page }, info) => {
  await open(page, info, '/');
  await page.getByRole('link', { name: 'Khai báo di chuyển' }).click();
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Khai báo di chuyển');
  await expectAccessible(page);

  const serial = String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
  await page.getByLabel('Số giấy tờ').fill(`030190${serial}`);
  await page.getByLabel('Họ và tên').fill('Phạm Thị Thu');
  // 1991 disagrees with the number, which says a woman born in 1990.
  await page.getByLabel('Ngày sinh').fill('1991-03-04');
  await page.getByLabel('Giới tính').selectOption('female');
  await page.getByLabel('Số điện thoại di động').fill('0987 654 321');
  await pickPlace(page, info, 'residence', '30', '10507');
  await page.getByLabel('Số nhà, đường, thôn/xóm').fill('Số 12, Thôn Đông');
  await pickPlace(page, info, 'origin', '01', '00001');
  await pickPlace(page, info, 'destination', '30', '10507');
  await page.getByLabel('Ngày đi').fill(today());
  await page.getByLabel('Phương tiện').selectOption('car');
  await page.getByLabel('Ho', { exact: true }).check();
  await page.getByLabel('Số mũi vắc xin đã tiêm').selectOption('3');
  await page.getByRole('button', { name: 'Gửi khai báo và nhận thẻ' }).click();
  await settle(page, info);

  await expect(page.getByRole('alert')).toContainText('Số CCCD không khớp với năm sinh đã khai');
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Phạm Thị Thu');
  await expect(page.getByLabel('Số giấy tờ')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Ho', { exact: true })).toBeChecked();
  // Every place comes back chosen, its commune list loaded: a list rendered empty would leave the form
  // unsendable without JavaScript (the commune is required).
  await expect(page.locator('#residence_commune')).toHaveValue('10507');
  await expect(page.locator('#origin_commune')).toHaveValue('00001');
  await expect(page.locator('#destination_commune')).toHaveValue('10507');
  await expectAccessible(page);

  await page.getByLabel('Ngày sinh').fill('1990-03-04');
  await page.getByRole('button', { name: 'Gửi khai báo và nhận thẻ' }).click();
  await settle(page, info);
  await expect(page).toHaveURL(/\/pass\/[0-9a-f]{40}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phạm Thị Thu');
  await expect(page.getByRole('status')).toContainText('Còn hiệu lực');
});

test('the declaration form reads in English once chosen, with a notice before sending', async ({ page }, info) => {
  await open(page, info, '/khai-bao');
  await page.getByRole('link', { name: 'English' }).click();
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Travel declaration');
  await expect(page.getByLabel('Mobile phone number')).toBeVisible();
  await expect(page.getByText('A false declaration is an offence.', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send and get my pass' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Tiếng Việt' }).click();
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Khai báo di chuyển');
});

test('the place search finds a commune typed with or without diacritics', async ({ page }, info) => {
  await open(page, info, '/khai-bao');
  const search = page.getByLabel('Tìm nhanh xã/phường').nth(2);
  const results = page.getByRole('list', { name: 'Kết quả tìm kiếm: chọn một xã/phường' });
  for (const typed of ['luong dien', 'Lương Điền', 'LUONG DIEN']) {
    await search.fill(typed);
    if (!hydrated(info)) {
      await page.locator('button[name="refresh"][value="destination"]').click();
      await settle(page, info);
    }
    // Two communes in the country bear the name: both come first, then names that merely contain the words.
    await expect(results.getByRole('button').nth(0)).toHaveText('Xã Lương Điền, Huyện Cẩm Giàng, Tỉnh Hải Dương');
    await expect(results.getByRole('button').nth(1)).toHaveText('Xã Lương Điền, Huyện Vĩnh Tường, Tỉnh Vĩnh Phúc');
  }
  await expectAccessible(page);

  await search.fill('luong dien cam giang');
  if (!hydrated(info)) {
    await page.locator('button[name="refresh"][value="destination"]').click();
    await settle(page, info);
  }
  await expect(results.getByRole('button')).toHaveCount(1);
  await results.getByRole('button', { name: 'Xã Lương Điền, Huyện Cẩm Giàng, Tỉnh Hải Dương' }).click();
  await settle(page, info);
  await expect(page.locator('#destination-province')).toHaveValue('30');
  await expect(page.locator('#destination_commune')).toHaveValue('10924');
  await expect(page.getByLabel('Tìm nhanh xã/phường').nth(2)).toHaveValue('');

  await search.fill('khong co xa nao ten nay');
  if (!hydrated(info)) {
    await page.locator('button[name="refresh"][value="destination"]').click();
    await settle(page, info);
  }
  await expect(page.getByText('Không tìm thấy xã/phường nào với tên này.')).toBeVisible();
});

test('the browser checks each field with the same rules as the server, as the person types', async ({ page }, info) => {
  test.skip(!hydrated(info), 'without JavaScript the server checks the form when it is sent (the first test)');
  await open(page, info, '/khai-bao');
  const number = page.getByLabel('Số giấy tờ');
  await number.fill('03019');
  await page.getByLabel('Họ và tên').focus();
  const error = page.locator('#document_number-error');
  await expect(error).toHaveText('Số CCCD gồm đúng 12 chữ số.');
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  // Typing on: the message follows each key, with no trip to the server.
  await number.press('End');
  await number.pressSequentially('0123456');
  await expect(error).toHaveCount(0);
  await page.getByLabel('Ngày sinh').fill('1991-03-04');
  await page.getByLabel('Giới tính').selectOption('female');
  await page.getByLabel('Giới tính').focus();
  await expect(error).toContainText('Số CCCD không khớp với năm sinh đã khai');
  await page.getByLabel('Ngày sinh').fill('1990-03-04');
  await expect(error).toHaveCount(0);

  await page.getByLabel('Số điện thoại di động').fill('12345');
  await page.getByLabel('Số điện thoại di động').blur();
  await expect(page.locator('#phone-error')).toBeVisible();
  // Sending with fields still wrong stays on the page and lists them all.
  await page.getByRole('button', { name: 'Gửi khai báo và nhận thẻ' }).click();
  await expect(page.getByRole('alert')).toContainText('Số điện thoại di động');
  await expect(page.getByRole('alert')).toContainText('Nơi ở hiện nay');
  await expect(page).toHaveURL(/\/khai-bao$/);
  await expectAccessible(page);
});
