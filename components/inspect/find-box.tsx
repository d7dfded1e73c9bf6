'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { z } from 'zod';
import { useSearchState } from '@/components/layout/use-search-state';
import { ErrorAlert, Notice } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { findRequestAction } from '@/lib/actions/inspect';
import { countOf } from '@/lib/format';
import type { FindResult } from '@/lib/inspect/types';
import { errorMessage, unwrap } from '@/lib/queries/action-error';
import { textParam } from '@/lib/search-params';

// The params of the requests tab that a URL scan sets (see RequestsView).
const scanLink = z.object({ tab: textParam(), filter: textParam(), url: textParam(), page: textParam() });

/**
 * One box for a request ID, a uniqueKey or a URL. The API has no search, but a request's ID is derived
 * from its uniqueKey, so the server reads the few IDs the text can stand for; a URL substring needs a scan.
 */
export function FindBox({ queueId }: { queueId: string }) {
  const router = useRouter();
  const [, setSearch] = useSearchState(scanLink);
  const [text, setText] = useState('');
  const find = useMutation({
    mutationFn: (input: { queueId: string; text: string }) => unwrap(findRequestAction(input)),
    onSuccess: (result: FindResult) => {
      if (result.found) router.push(`/queues/${queueId}/requests/${result.found.requestId}`);
    },
  });
  const missed = find.data && !find.data.found ? find.data : null;
  return (
    <search aria-label="Find a request" className="flex flex-col gap-2">
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          find.mutate({ queueId, text });
        }}
      >
        <label className="flex min-w-0 flex-1 items-center gap-2 text-sm">
          <span className="font-medium whitespace-nowrap">Find a request</span>
          <input
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder="request ID, uniqueKey or URL"
            className="h-9 min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <Button type="submit" disabled={find.isPending}>
          {find.isPending ? 'Finding…' : 'Find'}
        </Button>
      </form>
      {find.error && <ErrorAlert title="Could not search">{errorMessage(find.error)}</ErrorAlert>}
      {find.data?.found && (
        <p className="text-sm" aria-live="polite">
          Found as its {find.data.found.matchedAs}: opening {find.data.found.requestId}…
        </p>
      )}
      {missed && (
        <Notice>
          <p>
            No request has this text as its ID or uniqueKey, nor as the normalized URL Crawlee would use (
            {countOf(missed.tried.length, 'ID')} tried).
          </p>
          <Button
            size="sm"
            className="mt-2"
            onClick={() => setSearch({ tab: 'requests', filter: null, url: text.trim(), page: null })}
          >
            Scan for URLs containing “{text.trim().slice(0, 60)}”
          </Button>
        </Notice>
      )}
    </search>
  );
}
