import { AppHeader } from '@/components/layout/app-header';

export default function HomePage() {
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-6xl px-4 py-10">
        <h1 className="text-2xl font-semibold">Headlock</h1>
        <p className="mt-2 max-w-2xl text-zinc-600 dark:text-zinc-300">
          Browse the heads of Apify request queues, lock a batch, and watch the locks count down. The embedded emulator
          of the Apify request-queue API is running with demo data.
        </p>
        <section
          aria-labelledby="emulator-heading"
          className="mt-8 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <h2 id="emulator-heading" className="font-medium">
            Embedded emulator
          </h2>
          <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="text-zinc-500 dark:text-zinc-400">API base URL</dt>
            <dd>
              <code>/emulator/v2</code> on this server (loopback only, bearer token in <code>.data/emulator-token</code>
              )
            </dd>
            <dt className="text-zinc-500 dark:text-zinc-400">Demo queues</dt>
            <dd>
              <code>demo-crawl</code> (about 500 requests), <code>empty</code>, <code>big</code> (100,000 requests)
            </dd>
          </dl>
        </section>
      </main>
    </>
  );
}
