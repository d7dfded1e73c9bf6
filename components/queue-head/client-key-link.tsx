'use client';

import { useEffect, useRef } from 'react';
import { useSearchState } from '@/components/layout/use-search-state';
import { ErrorAlert, Notice } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/queries/action-error';
import { useSetClientKey } from '@/lib/queries/mutations';
import { clientKeyInput } from '@/lib/schemas';

/**
 * The clientKey is part of a shared link (`?clientKey=`). A link with another key offers to act as
 * that client: its locks then show as yours and can be released — the locks of a crashed crawler, say.
 */
export function ClientKeyFromLink({ sessionKey }: { sessionKey: string }) {
  const { get, set } = useSearchState();
  const linked = get('clientKey');
  const adopt = useSetClientKey();
  const toast = useToast();
  const firstKey = useRef(sessionKey);

  useEffect(() => {
    // Keep the URL on the session's key, except for a foreign key the user has not answered yet.
    const keyChanged = firstKey.current !== sessionKey;
    if (!linked || keyChanged) set({ clientKey: sessionKey });
    firstKey.current = sessionKey;
  }, [linked, sessionKey, set]);

  if (!linked || linked === sessionKey) return null;
  const valid = clientKeyInput.safeParse(linked).success;
  return (
    <Notice>
      <p>
        This link uses clientKey <code>{linked.slice(0, 40)}</code>; this session uses <code>{sessionKey}</code>.
        {valid
          ? ' Acting as the link’s client shows its locks as yours, so you can prolong or release them (a crashed crawler’s locks, say).'
          : ' That key is not a valid clientKey (1–32 letters, digits, “.”, “_” or “-”).'}
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        {valid && (
          <Button
            size="sm"
            variant="primary"
            disabled={adopt.isPending}
            onClick={() =>
              adopt.mutate({ clientKey: linked }, { onSuccess: () => toast(`clientKey is now ${linked}`) })
            }
          >
            Act as {linked}
          </Button>
        )}
        <Button size="sm" onClick={() => set({ clientKey: sessionKey })}>
          Keep {sessionKey}
        </Button>
      </div>
      {adopt.error && <ErrorAlert>{errorMessage(adopt.error)}</ErrorAlert>}
    </Notice>
  );
}
