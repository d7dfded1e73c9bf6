'use client';

import { Button } from '@/components/ui/button';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <div role="alert">
        <h1 className="text-2xl font-semibold">Something went wrong</h1>
        <p className="mt-2 text-zinc-600 dark:text-zinc-300">The page failed to render. Nothing was changed.</p>
      </div>
      <Button className="mt-4" onClick={reset}>
        Try again
      </Button>
    </main>
  );
}
