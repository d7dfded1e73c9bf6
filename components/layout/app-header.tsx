export function AppHeader() {
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3">
        <span
          aria-hidden="true"
          className="grid size-8 place-items-center rounded-md bg-amber-500 font-bold text-zinc-950"
        >
          H
        </span>
        <span className="text-lg font-semibold tracking-tight">Headlock</span>
        <span className="text-sm text-zinc-500 dark:text-zinc-400">request-queue heads and locks</span>
      </div>
    </header>
  );
}
