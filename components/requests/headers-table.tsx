'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';

/** Header values may hold cookies or tokens: masked until the user reveals them. */
export function HeadersTable({ headers }: { headers: Record<string, string> }) {
  const [revealed, setRevealed] = useState(false);
  const entries = Object.entries(headers).slice(0, 200);
  return (
    <Panel
      title={<>headers ({entries.length})</>}
      heading="minor"
      actions={
        entries.length > 0 && (
          <Button size="sm" onClick={() => setRevealed(!revealed)} aria-pressed={revealed}>
            {revealed ? 'Mask values' : 'Reveal values'}
          </Button>
        )
      }
    >
      {entries.length === 0 ? (
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">None.</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm" aria-label="Request headers">
          <tbody>
            {entries.map(([name, value]) => (
              <tr key={name} className="border-t border-zinc-100 dark:border-zinc-800">
                <th scope="row" className="py-1 pr-3 align-top font-mono text-xs font-medium">
                  {name.slice(0, 200)}
                </th>
                <td className="py-1 font-mono text-xs break-all" data-testid="header-value">
                  {revealed ? value.slice(0, 2000) : '•'.repeat(Math.min(value.length, 12))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
