import { chromium } from '@playwright/test';

const BASE = 'http://127.0.0.1:3250';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto(`${BASE}/connect`);
await page.getByRole('button', { name: 'Use the embedded emulator' }).click();
await page.waitForURL(`${BASE}/`);
await page.getByRole('region', { name: 'Lock lab' }).getByRole('button', { name: 'New lab queue' }).click();
await page.waitForURL(/\/lab/);
await page.getByRole('region', { name: 'Client A' }).getByRole('button', { name: 'Lock head' }).click();
await page.waitForTimeout(1500);
const out = await page.evaluate(`(() => {
  const lab = document.querySelector('[data-testid=lock-lab]');
  function walk(el, depth) {
    const r = el.getBoundingClientRect();
    const line = '  '.repeat(depth) + el.tagName + ' ' + String(el.className).slice(0, 70) + ' w=' + Math.round(r.width) + ' right=' + Math.round(r.right);
    if (depth > 4) return [];
    return [line].concat([...el.children].flatMap((c) => walk(c, depth + 1)));
  }
  return walk(lab, 0).join(String.fromCharCode(10));
})()`);
console.log(out);
await browser.close();
