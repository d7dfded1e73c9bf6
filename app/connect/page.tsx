import type { Metadata } from 'next';
import Link from 'next/link';
import { ConnectPanel } from '@/components/connect/connect-panel';
import { AppHeader } from '@/components/layout/app-header';
import { apifyBaseUrl } from '@/lib/env';
import { getSession, sessionInfo } from '@/lib/session';

export const metadata: Metadata = { title: 'Connect' };

export default async function ConnectPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const current = sessionInfo(await getSession());
  const { reason } = await searchParams;
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-4xl px-4 py-10">
        <h1 className="text-2xl font-semibold">Connect</h1>
        <p className="mt-1 text-zinc-600 dark:text-zinc-300">
          Choose which request-queue API Headlock should look into.
        </p>
        {reason === 'signed-out' && (
          <p role="status" className="mt-4 text-sm text-amber-800 dark:text-amber-300">
            Your session ended (or its token was refused). Connect again.
          </p>
        )}
        {current && (
          <p className="mt-4 text-sm">
            Connected to {current.target === 'local' ? 'the embedded emulator' : 'Apify'} as {current.username}.{' '}
            <Link href="/" className="text-sky-700 underline dark:text-sky-400">
              Go to your queues
            </Link>
          </p>
        )}
        <div className="mt-6">
          <ConnectPanel apifyHost={new URL(apifyBaseUrl()).host} />
        </div>
      </main>
    </>
  );
}
