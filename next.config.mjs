/** @type {import('next').NextConfig} */
const nextConfig = {
  // apify-client and better-sqlite3 run in Node as they are; bundling them breaks both.
  serverExternalPackages: ['apify-client', 'better-sqlite3'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
