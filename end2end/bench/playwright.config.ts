import { defineConfig } from '@playwright/test';

// Browser benchmarks (scripts/bench), kept apart from the test suite: they measure and print, and fail
// only when the measured thing does not work at all.
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.bench\.ts/,
  timeout: 300_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: process.env.ZONEPASS_BENCH_URL ?? 'http://127.0.0.1:3200',
    locale: 'vi-VN',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    },
  },
  projects: [{ name: 'hydrated', use: { javaScriptEnabled: true } }],
});
