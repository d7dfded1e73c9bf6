'use client';

import type { RefObject } from 'react';
import { Button } from '@/components/ui/button';
import { FLAG_HELP } from './flag-explanations';

/** The help dialog `?` opens: the shortcuts, and what the flags mean. */
export function ShortcutsHelp({ dialog }: { dialog: RefObject<HTMLDialogElement | null> }) {
  return (
    <dialog
      ref={dialog}
      aria-labelledby="shortcuts-title"
      className="m-auto max-w-lg rounded-lg border border-zinc-200 bg-white p-5 text-zinc-900 backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id="shortcuts-title" className="text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt>
          <kbd className="rounded border px-1.5">r</kbd>
        </dt>
        <dd>Refresh the head and locks now</dd>
        <dt>
          <kbd className="rounded border px-1.5">l</kbd>
        </dt>
        <dd>Lock a batch with the form's lockSecs and limit</dd>
        <dt>
          <kbd className="rounded border px-1.5">?</kbd>
        </dt>
        <dd>Show this help</dd>
      </dl>
      <h3 className="mt-4 font-medium">The flags</h3>
      <dl className="mt-1 text-sm">
        {Object.entries(FLAG_HELP).map(([flag, help]) => (
          <div key={flag} className="mt-1">
            <dt>
              <code>{flag}</code>
            </dt>
            <dd className="text-zinc-600 dark:text-zinc-300">{help}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="mt-4 text-right">
        <Button type="submit" variant="primary">
          Close
        </Button>
      </form>
    </dialog>
  );
}
