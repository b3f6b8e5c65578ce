import { test, expect, APIRequestContext } from '@playwright/test';
import { declare, expectAccessible, hydrated, open } from './helpers';

const HOURS_72 = 72 * 3600;

/** Moves the served app's clock (the e2e server runs with ZONEPASS_TEST_CLOCK=1). */
async function shiftServerClock(request: APIRequestContext, offsetSeconds: number) {
  const reply = await request.post('/test/clock', { data: { offset_seconds: offsetSeconds } });
  expect(reply.status()).toBe(204);
}

test.afterEach(async ({ request }) => {
  await shiftServerClock(request, 0);
});

test('a pass expires exactly 72 hours after issue and offers declaring again', async ({ page, request }, info) => {
  const pass = await declare(request);
  const status = page.getByRole('status');
  const anotherTrip = page.getByRole('link', { name: 'Khai báo chuyến đi khác (giữ thẻ này)' });
  const declareAgain = page.getByRole('link', { name: 'Khai báo lại', exact: true });
  const expired = 'Thẻ đã hết hạn. Hãy khai báo lại để nhận thẻ mới.';

  if (hydrated(info)) {
    // Once live, the page counts down on the device's clock: move that clock.
    await page.clock.install({ time: new Date() });
    await open(page, info, pass.url);
    await expect(status).toContainText('Còn hiệu lực');
    await expect(anotherTrip).toHaveClass(/secondary/);
    await page.clock.fastForward((HOURS_72 - 120) * 1000);
    await expect(status).toContainText('Còn hiệu lực: 0 giờ');
    await page.clock.fastForward(180 * 1000);
    await expect(status).toHaveText(expired);
  } else {
    // Without scripts the page is what the server says: move the server's clock.
    await shiftServerClock(request, HOURS_72 - 60);
    await open(page, info, pass.url);
    await expect(status).toContainText('Còn hiệu lực: 0 giờ');
    await expect(anotherTrip).toHaveClass(/secondary/);
    await shiftServerClock(request, HOURS_72 + 1);
    await open(page, info, pass.url);
    await expect(status).toHaveText(expired);
  }
  // Declaring again becomes the main action.
  await expect(declareAgain).not.toHaveClass(/secondary/);
  await expectAccessible(page);
  await declareAgain.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Khai báo di chuyển');
});
