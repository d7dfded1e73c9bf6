'use client';

import { useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';
import { useToast } from '@/components/ui/toast';
import { addRequestsInput } from '@/lib/action-inputs';
import { errorMessage } from '@/lib/queries/action-error';
import { useAddRequests } from '@/lib/queries/mutations';
import type { AddRequestsResult } from '@/lib/types';

/** One URL or many pasted, one per line; sent 25 per call by the server. */
export function AddRequestsForm({ queueId, writeBlock }: { queueId: string; writeBlock: string | null }) {
  const [text, setText] = useState('');
  const [forefront, setForefront] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<AddRequestsResult | null>(null);
  const add = useAddRequests();
  const toast = useToast();

  const submit = () => {
    const urls = text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const parsed = addRequestsInput.safeParse({ queueId, urls, forefront });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const line = typeof issue?.path[1] === 'number' ? `Line ${issue.path[1] + 1}: ` : '';
      setProblem(`${line}${issue?.message ?? 'invalid input'}`);
      return;
    }
    setProblem(null);
    add.mutate(parsed.data, {
      onSuccess: (data) => {
        setResult(data);
        toast(`Added ${data.added.length} of ${urls.length} URLs`);
      },
    });
  };

  return (
    <Panel title="Add requests" className="flex flex-col gap-3">
      <form
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-xs font-medium text-zinc-600 dark:text-zinc-300">
            URLs, one per line (uniqueKey = URL)
          </span>
          <textarea
            value={text}
            onChange={(event) => setText(event.target.value)}
            rows={6}
            aria-invalid={problem ? true : undefined}
            className="rounded-md border border-zinc-300 bg-white p-2 font-mono text-xs text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
          />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={forefront} onChange={(event) => setForefront(event.target.checked)} />
          Add to the front of the queue (forefront)
        </label>
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={writeBlock !== null || add.isPending || text.trim() === ''}>
            {add.isPending ? 'Adding…' : 'Add'}
          </Button>
          {writeBlock && <span className="text-sm text-zinc-600 dark:text-zinc-300">{writeBlock}</span>}
        </div>
      </form>
      {problem && <ErrorAlert>{problem}</ErrorAlert>}
      {add.error && <ErrorAlert title="Could not add the requests">{errorMessage(add.error)}</ErrorAlert>}
      {result && (
        <div data-testid="add-result" className="text-sm">
          <p>
            Added {result.added.length}; already present {result.alreadyPresent.length}; already handled{' '}
            {result.alreadyHandled.length}
            {result.unprocessed.length > 0 && `; not processed ${result.unprocessed.length} (try again)`}.
          </p>
          {[...result.alreadyPresent, ...result.alreadyHandled].length > 0 && (
            <ul className="mt-1 list-inside list-disc text-xs text-zinc-600 dark:text-zinc-300">
              {result.alreadyPresent.slice(0, 50).map((url) => (
                <li key={url} className="break-all">
                  {url} — already present
                </li>
              ))}
              {result.alreadyHandled.slice(0, 50).map((url) => (
                <li key={url} className="break-all">
                  {url} — already handled
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Panel>
  );
}
