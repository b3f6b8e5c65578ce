// Benchmark (not a test): what a citizen waits for on this machine. Run by scripts/bench against a release
// server with demo data; prints JSON and never fails on a number.
//   - bundle: the hydrate bundle of the citizen pages, raw, gzip -9 and brotli -11 (what a phone downloads once)
//   - submit_to_pass_ms: from pressing "send" on a filled, hydrated form to the pass page hydrated with its QR
//   - api_declare_ms: POST /api/v1/declarations round trip, one at a time
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const base = process.env.ZONEPASS_BENCH_URL ?? 'http://127.0.0.1:3200';
const site = process.env.ZONEPASS_BENCH_SITE ?? '../target/site/pkg';
const rounds = Number(process.env.ZONEPASS_BENCH_ROUNDS ?? 20);

function sizes(file) {
  const raw = readFileSync(`${site}/${file}`);
  return {
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, median: Math.round(at(0.5)), p95: Math.round(at(0.95)), min: Math.round(sorted[0]) };
}

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
// A fresh woman born in 1990 in Hải Dương each time, so no declaration is a repeat of another.
const number = () => `030190${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`;

const bundle = Object.fromEntries(['zonepass.wasm', 'zonepass.js', 'zonepass.css'].map((f) => [f, sizes(f)]));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
const page = await context.newPage();
const submitToPass = [];
for (let i = 0; i < rounds; i++) {
  await page.goto(`${base}/khai-bao`);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.fill('#document_number', number());
  await page.fill('#full_name', 'Phạm Thị Thu');
  await page.fill('#birth_date', '1990-03-04');
  await page.selectOption('#sex', 'female');
  await page.fill('#phone', '0987654321');
  await page.selectOption('#residence-province', '30');
  await page.selectOption('#residence_commune', '10507');
  await page.fill('#residence_address', 'Số 12');
  await page.selectOption('#origin-province', '01');
  await page.selectOption('#origin_commune', '00001');
  await page.selectOption('#destination-province', '30');
  await page.selectOption('#destination_commune', '10507');
  await page.fill('#travel_date', today());
  const started = performance.now();
  await page.click('button[type="submit"]:not([name])');
  await page.waitForURL(/\/pass\//);
  await page.waitForSelector('body[data-hydrated="true"] .qr svg');
  submitToPass.push(performance.now() - started);
}
await browser.close();

const apiDeclare = [];
for (let i = 0; i < rounds * 5; i++) {
  const body = {
    document_type: 'cccd', document_number: number(), full_name: 'Trần Thị Ánh',
    birth_date: '1990-05-17', sex: 'female', phone: '0912345678', residence_commune: '10507',
    residence_address: 'Số 1', origin_commune: '00004', destination_commune: '10507', travel_date: today(),
    vehicle: 'car', vehicle_plate: '', symptoms: [], close_contact: false, vaccination_doses: 2,
  };
  const started = performance.now();
  const reply = await fetch(`${base}/api/v1/declarations`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  await reply.arrayBuffer();
  if (reply.status !== 201) throw new Error(`declaration refused: ${reply.status}`);
  apiDeclare.push(performance.now() - started);
}

console.log(JSON.stringify({
  when: new Date().toISOString(),
  bundle,
  submit_to_pass_ms: summary(submitToPass),
  api_declare_ms: summary(apiDeclare),
}, null, 2));
