/** @type {import('next').NextConfig} */
const nextConfig = {
  // apify-client and better-sqlite3 run in Node as they are; bundling them breaks both. @apify/log
  // stays external too, so lib/apify silences the very logger instance apify-client writes to.
  serverExternalPackages: ['apify-client', 'better-sqlite3', '@apify/log'],
  poweredByHeader: false,
  // Render <title> in the first bytes for every browser, not streamed in later: a page is never
  // without a title, for screen readers (axe: document-title) as for tabs.
  htmlLimitedBots: /.*/,
  reactStrictMode: true,
  // `next dev` logs each server action with its arguments, and connectApifyAction's is the Apify token
  // (design.md §4: no secret in logs).
  logging: { serverFunctions: false },
  // `npm test` type-checks the whole project with tsc; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
