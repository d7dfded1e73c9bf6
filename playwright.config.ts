import { defineConfig } from '@playwright/test';
import { E2E_PORT, E2E_TOKEN } from './e2e/support/env';

// One `next start` on a fresh database serves both projects: `api` drives the mounted emulator
// with the real apify-client (and spawns standalone emulators where a test needs its own),
// `ui` drives the dashboard in Debian's Chromium.
export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/playwright',
  fullyParallel: true,
  workers: 2,
  timeout: 60_000,
  reporter: [['list']],
  forbidOnly: !!process.env.CI,
  projects: [
    { name: 'api', testMatch: 'api/**/*.spec.ts' },
    {
      name: 'ui',
      testMatch: 'ui/**/*.spec.ts',
      use: {
        baseURL: `http://127.0.0.1:${E2E_PORT}`,
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `rm -rf .data/e2e-${E2E_PORT} && npm start`,
    url: `http://127.0.0.1:${E2E_PORT}/`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: { PORT: String(E2E_PORT), HEADLOCK_DATA_DIR: `.data/e2e-${E2E_PORT}`, EMULATOR_TOKEN: E2E_TOKEN },
  },
});
