import { test, expect, APIRequestContext, Page, TestInfo } from '@playwright/test';
import { DEMO_PASSWORD, declare, expectAccessible, hydrated, logIn, newNumber, settle } from './helpers';

/** Moves the served app's clock (the e2e server runs with ZONEPASS_TEST_CLOCK=1). */
async function shiftServerClock(request: APIRequestContext, offsetSeconds: number) {
  expect((await request.post('/test/clock', { data: { offset_seconds: offsetSeconds } })).status()).toBe(204);
}

async function officerToken(request: APIRequestContext): Promise<string> {
  const reply = await request.post('/api/v1/session', { data: { username: 'officer.hd01', password: DEMO_PASSWORD } });
  return (await reply.json()).token;
}

async function crossingsToday(request: APIRequestContext): Promise<number> {
  const token = await officerToken(request);
  const reply = await request.get('/api/v1/checkpoints/HD01/crossings', { headers: { authorization: `Bearer ${token}` } });
  expect(reply.status()).toBe(200);
  return (await reply.json()).counts.total;
}

/** Scans as a keyboard-like 2D scanner does: the QR text typed into the field, then Enter. */
async function scan(page: Page, info: TestInfo, text: string) {
  await page.getByLabel('Mã QR hoặc số giấy tờ').fill(text);
  await page.getByLabel('Mã QR hoặc số giấy tờ').press('Enter');
  await settle(page, info);
}

async function record(page: Page, info: TestInfo) {
  await page.getByRole('button', { name: 'Khớp giấy tờ — ghi nhận' }).click();
  await settle(page, info);
  await expect(page.locator('#verdict-title')).toHaveCount(0);
}

test.afterEach(async ({ request }) => {
  await shiftServerClock(request, 0);
});

test('an officer scans: green for a valid pass, amber from a level-4 area, red when tampered or expired', async ({ page, request }, info) => {
  // The administrator makes Phường Phúc Xá (Hà Nội) a level-4 area through the admin screen.
  await logIn(page, info, 'admin');
  await page.goto('/admin/areas');
  await settle(page, info);
  await expectAccessible(page);
  await page.getByLabel('Mã đơn vị hành chính (tỉnh, huyện hoặc xã)').fill('00001');
  await page.getByLabel('Cấp độ dịch').selectOption('4');
  await page.getByLabel('Ghi chú, căn cứ quyết định').fill('Kiểm thử');
  await page.getByRole('button', { name: 'Công bố vùng dịch' }).click();
  await settle(page, info);
  await expect(page.getByText('Đã lưu.')).toBeVisible();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await settle(page, info);

  const before = await crossingsToday(request);
  const plainNumber = newNumber();
  const plain = await declare(request, plainNumber, '10507');
  const fromArea = await (async () => {
    const reply = await request.post('/api/v1/declarations', {
      data: {
        document_type: 'cccd', document_number: newNumber(), full_name: 'Đỗ Thị Lan', birth_date: '1990-05-17',
        sex: 'female', phone: '0912345678', residence_commune: '10507', residence_address: 'Số 1',
        origin_commune: '00001', destination_commune: '10507', travel_date: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10),
        vehicle: 'car', vehicle_plate: '', symptoms: [], close_contact: false, vaccination_doses: 2,
      },
    });
    expect(reply.status()).toBe(201);
    return (await reply.json()).pass;
  })();

  if (hydrated(info)) await page.clock.install({ time: new Date() });
  await logIn(page, info, 'officer.hd01');
  await page.goto('/kiem-soat');
  await settle(page, info);
  if (hydrated(info)) await page.waitForFunction(() => localStorage.getItem('zonepass.scanner.bundle') !== null);
  await expectAccessible(page);

  await scan(page, info, plain.token);
  await expect(page.locator('#verdict-title')).toHaveText('HỢP LỆ — CHO QUA');
  await expect(page.locator('.verdict')).toContainText('Trần Thị Ánh');
  await expect(page.locator('.verdict')).toContainText('17/05/1990');
  await expect(page.locator('.verdict')).toContainText('Nữ');
  // Two doses declared, none on record: shown side by side and flagged (a device judging offline adds the
  // record when the network answers).
  await expect(page.locator('.verdict')).toContainText('2 khai · 0 theo dữ liệu tiêm chủng (Khác dữ liệu tiêm chủng)');
  await expectAccessible(page);

  // The card's QR says the 18th, the pass the 17th: the birth date is flagged, the rest matches.
  await page.locator('#card-code').fill(`${plainNumber}||TRAN THI ANH|18051990|Nữ|Số 1, Thôn 3|01062021`);
  await page.locator('#card-code').press('Enter');
  await settle(page, info);
  const compared = page.getByRole('table', { name: 'So sánh với thẻ CCCD' });
  await expect(compared.getByRole('row', { name: /Ngày sinh/ })).toContainText('KHÔNG KHỚP');
  await expect(compared.getByRole('row', { name: /Họ và tên/ })).toContainText('Khớp khi bỏ dấu');
  await expect(compared.getByRole('row', { name: /Số giấy tờ/ })).toContainText('Khớp');
  await expect(compared.getByRole('row', { name: /Giới tính/ })).toContainText('Khớp');
  await expectAccessible(page);
  await record(page, info);

  await scan(page, info, fromArea.token);
  await expect(page.locator('#verdict-title')).toHaveText('HỢP LỆ — CẦN XỬ LÝ');
  await expect(page.locator('.verdict')).toContainText('Đến từ vùng dịch. (Cấp độ dịch 4)');
  await expect(page.locator('.verdict')).toContainText('Đưa đi xét nghiệm');
  await expectAccessible(page);
  await record(page, info);

  const tampered = plain.token.slice(0, -30) + (plain.token.at(-30) === 'A' ? 'B' : 'A') + plain.token.slice(-29);
  await scan(page, info, tampered);
  await expect(page.locator('#verdict-title')).toHaveText('KHÔNG HỢP LỆ');
  await expect(page.locator('.verdict')).not.toContainText('Trần Thị Ánh');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Không khớp giấy tờ' }).click();
  await settle(page, info);

  // A phone whose screen is broken: the officer types the ID number and the server finds the live pass.
  await scan(page, info, plainNumber);
  await expect(page.locator('#verdict-title')).toHaveText('HỢP LỆ — CHO QUA');
  await expect(page.locator('.verdict')).toContainText('Trần Thị Ánh');
  await record(page, info);

  if (hydrated(info)) await expect(page.getByTestId('pending')).toHaveText('0');
  await expect.poll(() => crossingsToday(request)).toBe(before + 4);

  // The checkpoint's day, as its supervisor reads it.
  await page.goto('/kiem-soat/hom-nay');
  await settle(page, info);
  await expect(page.getByRole('heading', { level: 2 })).toContainText('(HD01)');
  await expect(page.locator('.counts')).toContainText(`Tổng số lượt${before + 4}`);
  await expect(page.getByRole('table', { name: 'Các lượt qua chốt' }).getByRole('row')).toHaveCount(before + 4 + 1);
  await expectAccessible(page);
  await page.goto('/kiem-soat');
  await settle(page, info);

  // Three days and an hour later, the first pass has expired: on the device's own clock once hydrated.
  if (hydrated(info)) {
    await page.clock.fastForward(73 * 3600 * 1000);
  } else {
    await shiftServerClock(request, 73 * 3600);
    await logIn(page, info, 'officer.hd01');
    await page.goto('/kiem-soat');
    await settle(page, info);
  }
  await scan(page, info, plain.token);
  await expect(page.locator('#verdict-title')).toHaveText('KHÔNG HỢP LỆ');
  await expect(page.locator('.verdict')).toContainText('Thẻ đã hết hạn.');
  await expectAccessible(page);
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * Watches the scanner's sends: the client ids in each batch the server answered, and the most batches
 * ever on their way at once. Each batch is held `holdMs` on its way, so a second send started meanwhile
 * would overlap it (and, without the device's guard, repeat its crossings).
 */
async function watchSends(page: Page, holdMs: number) {
  const watched = { batches: [] as string[][], mostAtOnce: 0 };
  let onTheWay = 0;
  await page.route(/\/api\/sync_crossings/, async (route) => {
    onTheWay++;
    watched.mostAtOnce = Math.max(watched.mostAtOnce, onTheWay);
    try {
      await new Promise((resolve) => setTimeout(resolve, holdMs));
      const response = await route.fetch();
      watched.batches.push(decodeURIComponent(route.request().postData() ?? '').match(UUID) ?? []);
      await route.fulfill({ response });
    } finally {
      onTheWay--;
    }
  });
  return watched;
}

test('offline, ten scans are kept on the device and reach the server exactly once, one batch at a time', async ({ page, request }, info) => {
  test.skip(!hydrated(info), 'keeping crossings on the device needs JavaScript; without it each crossing is a form post');
  const passes = [];
  for (let i = 0; i < 11; i++) passes.push(await declare(request, newNumber(), '10507'));
  const before = await crossingsToday(request);

  await logIn(page, info, 'officer.hd01');
  await page.goto('/kiem-soat');
  await settle(page, info);
  await page.waitForFunction(() => localStorage.getItem('zonepass.scanner.bundle') !== null);

  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  // Loaded once more while online, so the service worker holds this screen too.
  await page.reload();
  await settle(page, info);
  const sends = await watchSends(page, 3000);
  await page.context().setOffline(true);
  try {
    // Even reloaded with no network, the screen comes back from the service worker and keeps working.
    const again = await page.reload();
    expect(again?.fromServiceWorker()).toBe(true);
    await settle(page, info);
    await expect(page.getByText('Mất mạng — vẫn kiểm tra và ghi nhận trên máy')).toBeVisible();
    for (const [i, pass] of passes.slice(0, 10).entries()) {
      await scan(page, info, pass.token);
      await expect(page.locator('#verdict-title')).toHaveText('HỢP LỆ — CHO QUA');
      await record(page, info);
      await expect(page.getByTestId('pending')).toHaveText(String(i + 1));
    }
    expect(await crossingsToday(request)).toBe(before);
  } finally {
    await page.context().setOffline(false);
  }
  // The backlog is on its way (held three seconds): the next crossing waits for it instead of overlapping.
  await expect.poll(() => sends.mostAtOnce).toBe(1);
  await scan(page, info, passes[10].token);
  await record(page, info);
  await expect(page.getByTestId('pending')).toHaveText('0', { timeout: 30_000 });
  expect(await crossingsToday(request)).toBe(before + 11);
  // A reload syncs again: nothing is left to send.
  await page.reload();
  await settle(page, info);
  await expect(page.getByTestId('pending')).toHaveText('0');
  expect(await crossingsToday(request)).toBe(before + 11);
  expect(sends.mostAtOnce).toBe(1);
  const sent = sends.batches.flat();
  expect(sent).toHaveLength(11);
  expect(new Set(sent).size).toBe(11);
});

test('a crossing the server refuses (a phone clock ten minutes fast) waits for its officer and blocks nothing', async ({ page, request }, info) => {
  test.skip(!hydrated(info), 'crossings kept on the device need JavaScript; without it the server stamps each crossing');
  const [fast, onTime, discarded] = [await declare(request), await declare(request), await declare(request)];
  const before = await crossingsToday(request);
  const realNow = Date.now();
  await page.clock.setFixedTime(new Date(realNow + 10 * 60_000));
  await logIn(page, info, 'officer.hd01');
  await page.goto('/kiem-soat');
  await settle(page, info);
  await page.waitForFunction(() => localStorage.getItem('zonepass.scanner.bundle') !== null);

  await scan(page, info, fast.token);
  await record(page, info);
  const refused = page.getByTestId('refused-crossing');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('đồng hồ máy chạy nhanh');
  await expect(page.getByTestId('pending')).toHaveText('0');
  await expectAccessible(page);

  // The clock set right, the next crossing goes through while the refused one waits.
  await page.clock.setFixedTime(new Date(realNow));
  await scan(page, info, onTime.token);
  await record(page, info);
  await expect.poll(() => crossingsToday(request)).toBe(before + 1);
  await expect(refused).toHaveCount(1);

  // Corrected by the lead the phone measured, it is sent again and stored.
  await refused.getByRole('button', { name: 'Sửa giờ theo máy chủ' }).click();
  await expect(refused).toHaveCount(0);
  await expect.poll(() => crossingsToday(request)).toBe(before + 2);

  // One that is not worth correcting is discarded (the server records that) and leaves the device.
  await page.clock.setFixedTime(new Date(realNow + 10 * 60_000));
  await scan(page, info, discarded.token);
  await record(page, info);
  await expect(refused).toHaveCount(1);
  await refused.getByRole('button', { name: 'Bỏ lượt này' }).click();
  await expect(refused).toHaveCount(0);
  await expect(page.getByTestId('pending')).toHaveText('0');
  expect(await crossingsToday(request)).toBe(before + 2);
});

test('a pass its holder cancelled turns red on the device with its next bundle, offline too', async ({ page, request }, info) => {
  test.skip(!hydrated(info), 'the device-side list of revocations needs JavaScript');
  const pass = await declare(request);
  await logIn(page, info, 'officer.hd01');
  await page.goto('/kiem-soat');
  await settle(page, info);
  await page.waitForFunction(() => localStorage.getItem('zonepass.scanner.bundle') !== null);

  expect((await request.delete(`/api/v1/passes/${pass.holder_key}`)).status()).toBe(204);
  // The next bundle brings what changed since the device's list.
  await page.reload();
  await settle(page, info);
  await page.waitForFunction(
    (id) => (JSON.parse(localStorage.getItem('zonepass.scanner.bundle') ?? '{}').revoked ?? []).some((r: { id: string }) => r.id === id),
    pass.id,
  );
  await page.context().setOffline(true);
  try {
    await scan(page, info, pass.token);
    await expect(page.locator('#verdict-title')).toHaveText('KHÔNG HỢP LỆ');
    await expect(page.locator('.verdict')).toContainText('Thẻ đã bị chủ thẻ hủy');
  } finally {
    await page.context().setOffline(false);
  }
});

test('the screen warns when the device clock is off, and offline when its keys and rules grow old', async ({ page }, info) => {
  test.skip(!hydrated(info), 'the device-side bundle and its warnings need JavaScript');
  // This phone's clock runs ten minutes ahead of the server's.
  await page.clock.install({ time: new Date(Date.now() + 10 * 60_000) });
  await logIn(page, info, 'officer.hd01');
  await page.goto('/kiem-soat');
  await settle(page, info);
  await page.waitForFunction(() => localStorage.getItem('zonepass.scanner.bundle') !== null);
  await expect(page.getByRole('alert').filter({ hasText: 'Đồng hồ của máy lệch so với máy chủ khoảng 10' })).toBeVisible();
  await expect(page.getByText('Khoá, danh sách thu hồi và quy tắc trên máy đã cũ')).toHaveCount(0);

  await page.context().setOffline(true);
  try {
    // An hour and a minute without a network: the bundle is older than the server's limit (60 minutes).
    await page.clock.fastForward(61 * 60_000);
    await expect(page.getByRole('alert').filter({ hasText: 'Khoá, danh sách thu hồi và quy tắc trên máy đã cũ' })).toBeVisible();
    await expectAccessible(page);
  } finally {
    await page.context().setOffline(false);
  }
});

test('the site carries the scanner\'s QR decoder, built with every site build', async ({ request }) => {
  for (const [path, type] of [
    ['/qr-worker.js', 'javascript'],
    ['/scanner/qr_worker.js', 'javascript'],
    ['/scanner/qr_worker_bg.wasm', 'application/wasm'],
  ]) {
    const reply = await request.get(path);
    expect(reply.status(), path).toBe(200);
    expect(reply.headers()['content-type'], path).toContain(type);
  }
});
