import { expect, test } from '@playwright/test';

test('the dashboard shell renders', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Headlock' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Embedded emulator' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/shell.png', fullPage: true });
});
