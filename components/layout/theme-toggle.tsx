'use client';

import { useState } from 'react';
import { THEME_COOKIE, type Theme, toTheme } from './theme';

/** System / light / dark; the choice is a cookie so the server renders the right class first time. */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  return (
    <label className="flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-300">
      <span>Theme</span>
      <select
        aria-label="Color theme"
        value={theme}
        onChange={(event) => {
          const next = toTheme(event.target.value);
          setTheme(next);
          // biome-ignore lint/suspicious/noDocumentCookie: a preference the server reads to render the right theme
          document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=strict`;
          const root = document.documentElement;
          root.classList.remove('light', 'dark');
          if (next !== 'system') root.classList.add(next);
        }}
        className="h-7 rounded border border-zinc-300 bg-white px-1 text-xs dark:border-zinc-700 dark:bg-zinc-900"
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
