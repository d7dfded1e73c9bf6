'use client';

import { type RefObject, useEffect, useRef } from 'react';

/** Single-key shortcuts, ignored while typing in a field. */
export function useShortcuts(handlers: Record<string, () => void>) {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      const handler = latest.current[event.key];
      if (handler) {
        event.preventDefault();
        handler();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Opens a <dialog> as a modal; the element itself keeps whether it is open (no state to race). */
export function showDialog(dialog: RefObject<HTMLDialogElement | null>) {
  if (dialog.current && !dialog.current.open) dialog.current.showModal();
}
