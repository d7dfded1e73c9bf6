'use client';

import { useEffect } from 'react';

/** Presenter mode: larger type for the whole page (every size is in rem), back to normal on leaving. */
export function usePresenterType(present: boolean) {
  useEffect(() => {
    if (!present) return;
    const root = document.documentElement;
    const before = root.style.fontSize;
    root.style.fontSize = '17px';
    return () => {
      root.style.fontSize = before;
    };
  }, [present]);
}
