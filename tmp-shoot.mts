import { chromium } from '@playwright/test';

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const [w, h, tag] of [
  [1280, 720, 'small'],
  [1920, 1080, 'wide'],
] as const) {
  const page = await browser.newPage({ baseURL: 'http://127.0.0.1:3250', viewport: { width: w, height: h } });
  await page.goto('/connect');
  await page.getByRole('button', { name: 'Use the embedded emulator' }).click();
  await page.waitForURL(/\/$/);
  await page.getByRole('link', { name: 'demo-crawl', exact: true }).click();
  const anyway = page.getByRole('button', { name: 'Read the head anyway' });
  await page.waitForTimeout(1500);
  if (await anyway.isVisible()) await anyway.click();
  await page.waitForTimeout(1000);
  await page.screenshot({ path: `/tmp/shot/q-${tag}.png` });
  const url = page.url().split('?')[0];
  await page.goto(`${url}?tab=requests&filter=failed`);
  await page.getByText('Scanned all').waitFor();
  await page.getByTestId('failure-group').first().scrollIntoViewIfNeeded();
  await page.getByRole('region', { name: 'All requests' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/shot/failed-${tag}.png`, fullPage: false });
  await page.getByRole('button', { name: /Select these 6/ }).click();
  await page.getByRole('button', { name: 'Reclaim…' }).click();
  await page.getByRole('alertdialog').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/shot/bulk-${tag}.png`, fullPage: false });
  await page.screenshot({ path: `/tmp/shot/full-${tag}.png`, fullPage: true });
  await page.close();
}
await browser.close();
