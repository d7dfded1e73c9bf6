import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { ActingAsWatcher } from '@/components/layout/acting-as-watcher';
import { AppHeader } from '@/components/layout/app-header';
import { SessionControls } from '@/components/layout/session-controls';
import { THEME_COOKIE, toTheme } from '@/components/layout/theme';
import { getSession, sessionInfo } from '@/lib/session';

export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = sessionInfo(await getSession());
  if (!session) redirect('/connect');
  const theme = toTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <>
      <AppHeader>
        <SessionControls initial={session} theme={theme} />
      </AppHeader>
      <ActingAsWatcher />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  );
}
