import { test, expect } from '@playwright/test';
import { expectAccessible, logIn, open, settle, DEMO_PASSWORD } from './helpers';

test('home page is in Vietnamese by default and the English choice is remembered', async ({ page }, info) => {
  await open(page, info, '/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('khai báo di chuyển');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'English' }).click();
  await settle(page, info);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('travel declaration');
  await expectAccessible(page);

  await open(page, info, '/login');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Official login');
  await page.getByRole('link', { name: 'Tiếng Việt' }).click();
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng nhập cán bộ');
});

test('a wrong password is refused with a message in the reader\'s language', async ({ page }, info) => {
  await logIn(page, info, 'admin', 'not-the-password');
  await expect(page).toHaveURL(/\/login\?error=bad_credentials/);
  await expect(page.getByRole('alert')).toHaveText('Sai tên đăng nhập hoặc mật khẩu.');
  await expectAccessible(page);
});

const scopes: Array<[string, RegExp]> = [
  ['national', /Toàn quốc/],
  ['province.hd', /Tỉnh Hải Dương/],
  ['district.hd', /Thành phố Hải Dương, Tỉnh Hải Dương/],
  ['commune.hd', /Phường .*, Thành phố Hải Dương/],
  ['steering.hd', /Phường .*, Thành phố Hải Dương/],
  ['officer.hd01', /Chốt HD01/],
  ['entry.hd01', /Chốt HD01/],
  ['admin', /Quản trị hệ thống/],
];

for (const [username, scope] of scopes) {
  test(`${username} logs in and sees its own scope`, async ({ page }, info) => {
    await logIn(page, info, username);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText(scope);
    await expectAccessible(page);
    await open(page, info, '/account');
    await expect(page.getByText(username, { exact: true }).first()).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await settle(page, info);
    await expect(page.getByRole('status')).toHaveText('Bạn đã đăng xuất.');
  });
}

test('the province sees its twelve districts and no other province', async ({ page }, info) => {
  await logIn(page, info, 'province.hd');
  const rows = page.locator('table tbody tr');
  await expect(rows).toHaveCount(12);
  await expect(page.getByText('Thành phố Hà Nội')).toHaveCount(0);
});

test('commune police look up a resident; the look-up is in the audit log', async ({ page }, info) => {
  const number = process.env.ZONEPASS_E2E_RESIDENT;
  test.skip(!number, 'scripts/test passes a resident of the demo commune');
  await logIn(page, info, 'commune.hd');
  await open(page, info, '/registry');
  await expectAccessible(page);
  await page.getByLabel('Số giấy tờ').fill(number!);
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
  await expect(page.getByText(number!, { exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Số giấy tờ').fill('001999999999');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await settle(page, info);
  await expect(page.getByRole('alert')).toHaveText('Không tìm thấy.');

  await logIn(page, info, 'admin');
  await open(page, info, '/admin/audit');
  await expect(page.getByRole('cell', { name: `person ${number}` }).first()).toBeVisible();
  await expectAccessible(page);
});

test('an administrator creates and disables an account, which then cannot log in', async ({ page }, info) => {
  const username = `e2e.${info.project.name}.${Date.now() % 100000}`;
  await logIn(page, info, 'admin');
  await open(page, info, '/admin/users');
  await expectAccessible(page);
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill('e2e-password-1');
  await page.getByLabel('Vai trò', { exact: true }).selectOption('checkpoint_officer');
  await page.getByLabel(/Mã chốt/).fill('HD05');
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await settle(page, info);
  await expect(page.getByRole('status')).toHaveText('Đã lưu.');
  await expect(page.getByRole('cell', { name: username, exact: true })).toBeVisible();

  await page.getByRole('button', { name: `Khoá ${username}` }).click();
  await settle(page, info);
  await expect(page.getByRole('status')).toHaveText('Đã lưu.');

  await logIn(page, info, username, 'e2e-password-1');
  await expect(page.getByRole('alert')).toHaveText(/đã bị khoá/);
});

test('administration pages are accessible and refuse other roles', async ({ page }, info) => {
  await logIn(page, info, 'admin');
  for (const path of ['/admin/checkpoints', '/admin/audit']) {
    await open(page, info, path);
    await expectAccessible(page);
  }
  await expect(page.locator('body')).toContainText('login');
  await open(page, info, '/admin/checkpoints');
  await expect(page.getByRole('cell', { name: 'HD28', exact: true })).toBeVisible();

  await logIn(page, info, 'district.hd');
  await open(page, info, '/admin/users');
  await expect(page.getByRole('alert')).toHaveText('Bạn không có quyền với dữ liệu này.');
  await expectAccessible(page);
});

test('an unknown page says so, accessibly', async ({ page }, info) => {
  const response = await page.goto('/khong-co-trang-nay');
  expect(response?.status()).toBe(404);
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
  await expectAccessible(page);
});

test('the demo password is printed and works for the API too', async ({ request }) => {
  const reply = await request.post('/api/v1/session', { data: { username: 'national', password: DEMO_PASSWORD } });
  expect(reply.status()).toBe(200);
  const body = await reply.json();
  expect(typeof body.token).toBe('string');
});
