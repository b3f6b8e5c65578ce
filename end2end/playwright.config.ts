import { defineConfig } from '@playwright/test';

// The server is started by scripts/test (fresh SQLite database with demo data) and its address
// passed in ZONEPASS_E2E_URL. Every spec runs twice: hydrated, and with JavaScript off.
const baseURL = process.env.ZONEPASS_E2E_URL ?? 'http://127.0.0.1:3100';

const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  ],
};

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // A test that passes only on a second try is a failing test.
  retries: 0,
  reporter: [['list']],
  use: { baseURL, launchOptions, locale: 'vi-VN', trace: 'retain-on-failure' },
  projects: [
    { name: 'hydrated', use: { javaScriptEnabled: true, viewport: { width: 360, height: 740 } } },
    { name: 'no-js', use: { javaScriptEnabled: false, viewport: { width: 360, height: 740 } } },
  ],
});
