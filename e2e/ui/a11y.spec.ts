import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { connectToEmulator, lockHead, lockRows, openQueue, seededQueue } from '../support/ui';

// axe-core on every page the dashboard has, in both themes, with locks counting down on the
// queue page; and screenshots of that page for a human to look at.

interface Finding {
  page: string;
  rule: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

async function seriousViolations(page: Page, name: string): Promise<Finding[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      page: name,
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 6).map((node) => node.target.join(' ')),
    }));
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations, ${colorScheme} theme`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    const findings: Finding[] = [];

    await page.goto('/connect');
    await expect(page.getByRole('button', { name: 'Use the embedded emulator' })).toBeVisible();
    findings.push(...(await seriousViolations(page, 'connect')));

    const clientKey = await connectToEmulator(page);
    await expect(page.getByRole('link', { name: 'demo-crawl', exact: true })).toBeVisible();
    findings.push(...(await seriousViolations(page, 'queue list')));

    const { queue, ids, rq } = await seededQueue(`ui-axe-${colorScheme}`, 8, clientKey);
    await openQueue(page, queue.id);
    await lockHead(page, 300, 3);
    await expect(lockRows(page)).toHaveCount(3);
    findings.push(...(await seriousViolations(page, 'queue page with locks')));

    await page.getByRole('button', { name: 'Shortcuts' }).click();
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    findings.push(...(await seriousViolations(page, 'shortcuts dialog')));
    await page.keyboard.press('Escape');

    await page.getByRole('banner').getByRole('button', { name: 'API log' }).click();
    await expect(page.getByRole('dialog', { name: 'API log' }).getByRole('row').nth(1)).toBeVisible();
    findings.push(...(await seriousViolations(page, 'API log drawer')));
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'All requests' }).click();
    await expect(page.getByTestId('request-row')).toHaveCount(8);
    findings.push(...(await seriousViolations(page, 'all requests tab')));
    await page.getByRole('checkbox', { name: `Select ${ids[1]}` }).click();
    await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Reclaim…' }).click();
    await expect(page.getByRole('alertdialog', { name: 'Reclaim 1 request' })).toBeVisible();
    findings.push(...(await seriousViolations(page, 'bulk action confirmation')));

    const failing = (await rq.getRequest(ids[7] as string)) as NonNullable<Awaited<ReturnType<typeof rq.getRequest>>>;
    await rq.updateRequest({ ...failing, retryCount: 2, errorMessages: ['HTTP 503'] });
    await page.getByRole('combobox', { name: 'Show' }).selectOption('failed');
    await expect(page.getByTestId('failure-group')).toHaveCount(1);
    findings.push(...(await seriousViolations(page, 'failed requests, grouped')));

    await page.goto(`/queues/${queue.id}/requests/${ids[0]}`);
    await expect(page.getByTestId('lock-seconds-left')).toBeVisible();
    findings.push(...(await seriousViolations(page, 'request page (locked)')));

    await page.goto('/');
    await page.getByRole('region', { name: 'Lock lab' }).getByRole('button', { name: 'New lab queue' }).click();
    await expect(page).toHaveURL(/\/lab/);
    await page.getByRole('region', { name: 'Client A' }).getByRole('button', { name: 'Lock head' }).click();
    await expect(page.getByRole('list', { name: 'Locks Client A holds' }).getByRole('listitem')).toHaveCount(2);
    findings.push(...(await seriousViolations(page, 'lock lab')));
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    await expect(page.getByRole('button', { name: 'Leave presenter mode' })).toBeVisible();
    findings.push(...(await seriousViolations(page, 'lock lab, presenter mode')));

    expect(findings).toEqual([]);
    await context.close();
  });
}

test('screenshots of the queue page with locks counting down, light and dark', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const clientKey = await connectToEmulator(page);
  const { queue } = await seededQueue('ui-screenshot', 14, clientKey);
  await openQueue(page, queue.id);
  await lockHead(page, 120, 5);
  await expect(lockRows(page)).toHaveCount(5);
  await lockHead(page, 20, 2);
  await expect(lockRows(page)).toHaveCount(7);
  // Toasts float over the lock table's buttons for a few seconds: let them go first.
  await expect(page.getByRole('status', { name: 'Notifications' }).locator('p')).toHaveCount(0, { timeout: 8_000 });
  await expect(page.getByTestId('lock-seconds-left')).toHaveCount(7);
  await page.screenshot({ path: 'test-results/screenshots/queue-light.png', fullPage: true, animations: 'disabled' });

  // Dark through the header's Theme select; the choice is a cookie, so it survives a reload.
  await page.getByLabel('Color theme').selectOption('dark');
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await expect(page.getByLabel('Color theme')).toHaveValue('dark');
  await expect(page.getByTestId('lock-seconds-left')).toHaveCount(7);
  await page.screenshot({ path: 'test-results/screenshots/queue-dark.png', fullPage: true, animations: 'disabled' });
  await context.close();
});
