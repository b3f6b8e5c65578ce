import { test, expect, Page, TestInfo } from '@playwright/test';
import { expectAccessible, hydrated, logIn, newNumber, open, settle, today } from './helpers';

/** Today in Vietnam as an officer types it from paper: ddmmyyyy. */
function typedToday(): string {
  const [y, m, d] = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10).split('-');
  return `${d}${m}${y}`;
}

interface Paper {
  form: string;
  name: string;
  birth: string;
  number: string;
}

/**
 * Types one paper form the way a data-entry officer does: the screen opens with the cursor in the first
 * field, each answer is typed and Tab goes to the next, in the order of the paper; Enter saves.
 */
async function typeForm(page: Page, info: TestInfo, paper: Paper) {
  await expect(page.getByLabel('Số phiếu', { exact: true })).toBeFocused();
  const next = async (text: string) => {
    if (text) await page.keyboard.type(text);
    await page.keyboard.press('Tab');
  };
  await next(paper.form);
  await next(''); // collected on: today
  await next(paper.name);
  await next(paper.birth);
  await page.keyboard.press('ArrowDown'); // sex: from Nam to Nữ
  await next('');
  await next(''); // document type: CCCD
  await next(paper.number);
  await next('0912 345 678');
  if (hydrated(info)) {
    // The type-ahead offers the communes answering an unaccented name; the arrow key and Enter take one.
    await page.keyboard.type('cam thuong');
    const option = page.getByRole('option', { name: 'Phường Cẩm Thượng, Thành phố Hải Dương, Tỉnh Hải Dương' });
    await expect(option).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('combobox', { name: 'Nơi ở hiện nay' })).toHaveValue(/^10507 /);
    await next('');
  } else {
    // Without scripts the server reads the name; its province tells it from Cam Thượng, Ba Vì.
    await next('cam thuong hai duong');
  }
  await next('Số 7, Thôn Đoài');
  await next('truc bach'); // origin
  await next('10507'); // destination, by its code
  await next(typedToday());
  await next(''); // vehicle: car
  await next(''); // plate
  for (let i = 0; i < 8; i++) await next(''); // no symptoms
  await next(''); // no close contact
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await settle(page, info);
}

test('a data-entry officer types three paper forms with the keyboard; the traveller who declared online is linked', async ({ page, request }, info) => {
  // Someone who declared online before reaching the checkpoint: a name no other test uses, born on a day
  // of this project's own, so that only this declaration can be the same person's trip.
  const online = newNumber();
  const day = hydrated(info) ? '17' : '18';
  const reply = await request.post('/api/v1/declarations', {
    data: {
      document_type: 'cccd', document_number: online, full_name: 'Kiều Thị Ngân', birth_date: `1990-05-${day}`,
      sex: 'female', phone: '0912345678', residence_commune: '10507', residence_address: 'Số 1, Thôn 3',
      origin_commune: '00004', destination_commune: '10507', travel_date: today(), vehicle: 'car',
      vehicle_plate: '', symptoms: [], close_contact: false, vaccination_doses: 2,
    },
  });
  expect(reply.status(), await reply.text()).toBe(201);
  const run = `${info.project.name}-${Date.now() % 1_000_000}`;
  // Each project's travellers are born on days of their own: none is the same person as another's.
  const born = (d: number) => String(d + (hydrated(info) ? 0 : 1)).padStart(2, '0');

  await logIn(page, info, 'entry.hd01');
  await open(page, info, '/nhap-lieu');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nhập tờ khai giấy');
  await expectAccessible(page);

  // The batch: three forms collected today.
  await page.getByLabel('Số phiếu đã thu').focus();
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await settle(page, info);
  await expect(page.getByRole('status')).toHaveText('Đã lưu.');

  await typeForm(page, info, { form: `${run}-1`, name: 'Ngô Thị Hạnh', birth: `${born(2)}031990`, number: newNumber() });
  await expect(page.getByRole('status')).toHaveText('Đã lưu phiếu và cấp thẻ đi lại 72 giờ.');
  const print = page.getByRole('link', { name: 'In thẻ cho người khai (khổ A6)' });
  await expect(print).toBeVisible();
  const printHref = await print.getAttribute('href');

  // The traveller who declared online: found, shown, and linked with one key press.
  await typeForm(page, info, { form: `${run}-2`, name: 'Kieu Thi Ngan', birth: `${day}/05/1990`, number: online });
  const link = page.getByRole('button', { name: 'Gộp vào bản khai này' });
  await expect(link).toHaveCount(1);
  await expect(page.locator('.found table')).toContainText('Kiều Thị Ngân');
  await expectAccessible(page);
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await settle(page, info);
  await expect(page.getByRole('status')).toHaveText('Đã gộp phiếu vào bản khai sẵn có của người này.');

  // A mistyped birth date comes back in place, with everything typed kept.
  await typeForm(page, info, { form: `${run}-3`, name: 'Vũ Thị Lan', birth: '31021990', number: newNumber() });
  await expect(page.getByText('Ngày không hợp lệ')).toBeVisible();
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Vũ Thị Lan');
  await expect(page.getByLabel('Số phiếu', { exact: true })).toHaveValue(`${run}-3`);
  await expect(page.getByLabel('Ngày sinh')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(`${born(26)}021990`);
  await page.keyboard.press('Enter');
  await settle(page, info);
  await expect(page.getByRole('status')).toHaveText('Đã lưu phiếu và cấp thẻ đi lại 72 giờ.');

  // The batch: three typed of three collected, none left.
  const date = today();
  const row = page.getByRole('row').filter({ hasText: 'HD01' }).filter({ hasText: date });
  await expect(row.getByRole('cell')).toHaveText([/HD01/, date, '3', /^\d+$/, /^\d+$/, '0', '']);

  // The pass of the first traveller, laid out for an A6 sheet.
  await open(page, info, printHref!);
  await expect(page.getByRole('img', { name: /QR/ })).toBeVisible();
  await expect(page.locator('.a6-pass')).toContainText('Ngô Thị Hạnh');
  await expectAccessible(page);
});

test('an officer uploads a file of forms typed elsewhere and reads what was imported', async ({ page }, info) => {
  await logIn(page, info, 'entry.hd01');
  await open(page, info, '/nhap-lieu');
  const template = await (await page.request.get('/nhap-lieu/mau.csv')).text();
  const columns = template.replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
  expect(columns).toContain('form_number');
  const run = `${info.project.name}-up-${Date.now() % 1_000_000}`;
  const form = (n: number, destination: string): string => {
    const values: Record<string, string> = {
      form_number: `${run}-${n}`, collected_on: typedToday(), document_type: 'cccd', document_number: newNumber(),
      full_name: 'Đinh Thị Hồng', birth_date: `${hydrated(info) ? '09' : '10'}/09/1990`, sex: 'nữ', phone: '0912345678',
      residence_commune: '10507', residence_address: '"Số 9, Thôn Bắc"', origin_commune: '00004',
      destination_commune: destination, travel_date: typedToday(), vehicle: 'bus', vehicle_plate: '',
      symptoms: '', close_contact: 'không', vaccination_doses: '3',
    };
    return columns.map(c => values[c]).join(',');
  };
  const csv = [columns.join(','), form(1, '10507'), form(2, '99999')].join('\n') + '\n';
  await page.getByLabel('Tệp CSV (UTF-8)').setInputFiles({ name: 'phieu.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Tải lên và nhập' }).click();
  await page.waitForURL(/\/nhap-lieu\?draft=/);
  await settle(page, info);
  const report = page.locator('.import-report');
  await expect(report.getByRole('heading')).toHaveText('Kết quả nhập tệp');
  await expect(report.locator('.counts dd')).toHaveText(['1', '0', '0', '1']);
  await expect(report.getByRole('row').filter({ hasText: 'Hãy chọn một xã/phường.' })).toContainText('3');
  await expectAccessible(page);
});
