import Link from 'next/link';
import type { ReactNode } from 'react';

/** The top bar; session controls go in `children` once connected. */
export function AppHeader({ children }: { children?: ReactNode }) {
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
        <Link href="/" className="flex items-center gap-2" aria-label="Headlock home">
          <span
            aria-hidden="true"
            className="grid size-8 place-items-center rounded-md bg-amber-500 font-bold text-zinc-950"
          >
            H
          </span>
          <span className="text-lg font-semibold tracking-tight">Headlock</span>
        </Link>
        <span className="hidden text-sm text-zinc-500 lg:inline dark:text-zinc-400">request-queue heads and locks</span>
        <div className="ml-auto flex flex-wrap items-center gap-2">{children}</div>
      </div>
    </header>
  );
}
