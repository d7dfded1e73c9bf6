import type { EmulatorConfig } from '../config';

/** Tells the user where the emulator is and how to authenticate (a local, loopback-only token). */
export function printEmulatorBanner(config: EmulatorConfig, baseUrl: string) {
  const tokenNote = config.tokenFile ? `(stored in ${config.tokenFile})` : '(from EMULATOR_TOKEN)';
  console.log(
    [
      'Headlock emulator of the Apify request-queue API',
      `  base URL  ${baseUrl}   (apify-client baseUrl / APIFY_API_BASE_URL; it adds /v2)`,
      `  token     ${config.token}   ${tokenNote}`,
      `  database  ${config.dbFile}`,
    ].join('\n'),
  );
}
