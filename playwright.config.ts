import { defineConfig } from '@playwright/test';
import {
  CHROMIUM_LAUNCH,
  E2E_PORT,
  E2E_SERVER_LOG,
  E2E_TOKEN,
  FAKE_APIFY_PORT,
  FAKE_APIFY_TOKEN,
  FAKE_APIFY_URL,
} from './e2e/support/env';

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
        launchOptions: CHROMIUM_LAUNCH,
      },
    },
  ],
  webServer: [
    {
      // The emulator behind the stand-in for api.apify.com (see e2e/support/env.ts).
      command: `rm -rf .data/fake-apify-${FAKE_APIFY_PORT} && npm run emulator`,
      url: `http://127.0.0.1:${FAKE_APIFY_PORT + 1}/`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: {
        EMULATOR_PORT: String(FAKE_APIFY_PORT + 1),
        HEADLOCK_DATA_DIR: `.data/fake-apify-${FAKE_APIFY_PORT}`,
        EMULATOR_TOKEN: FAKE_APIFY_TOKEN,
      },
    },
    {
      // In front of it, a proxy that tests can script to answer 429, 401, 500 or never.
      command: 'node --import tsx e2e/support/fault-proxy.ts',
      url: `${FAKE_APIFY_URL}/__faults/log`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: { FAULT_PROXY_PORT: String(FAKE_APIFY_PORT), FAULT_PROXY_UPSTREAM_PORT: String(FAKE_APIFY_PORT + 1) },
    },
    {
      command: `rm -rf .data/e2e-${E2E_PORT} && mkdir -p test-results && npm start > ${E2E_SERVER_LOG} 2>&1`,
      url: `http://127.0.0.1:${E2E_PORT}/connect`,
      timeout: 240_000,
      reuseExistingServer: false,
      env: {
        PORT: String(E2E_PORT),
        HEADLOCK_DATA_DIR: `.data/e2e-${E2E_PORT}`,
        EMULATOR_TOKEN: E2E_TOKEN,
        APIFY_API_BASE_URL: FAKE_APIFY_URL,
        // Names a deployment would add; e2e/ui/hardening.spec.ts checks both forms.
        HEADLOCK_ALLOWED_HOSTS: `headlock.test, dashboard.test:${E2E_PORT}`,
      },
    },
  ],
});
