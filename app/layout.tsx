import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { THEME_COOKIE } from '@/components/layout/theme';
import './globals.css';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: { default: 'Headlock', template: '%s · Headlock' },
  description: 'Browse and lock the heads of Apify request queues',
};
export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = (await cookies()).get(THEME_COOKIE)?.value;
  const themeClass = theme === 'dark' || theme === 'light' ? theme : undefined;
  return (
    <html lang="en" className={themeClass}>
      <body className="min-h-screen bg-zinc-50 text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
