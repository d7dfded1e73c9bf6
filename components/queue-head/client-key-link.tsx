'use client';

import { useEffect, useRef } from 'react';
import { z } from 'zod';
import { useSearchState } from '@/components/layout/use-search-state';
import { ErrorAlert, Notice } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { clientKeyInput } from '@/lib/action-inputs';
import { errorMessage } from '@/lib/queries/action-error';
import { useActAsClient } from '@/lib/queries/mutations';
import { textParam } from '@/lib/search-params';

const linkParams = z.object({ clientKey: textParam() });

/**
 * The clientKey this page uses is part of a shared link (`?clientKey=`). A link with another key
 * offers to act as that client on this queue only: its locks then show as yours and can be released
 * (the locks of a crashed crawler, say).
 */
export function ClientKeyFromLink({ queueId, pageKey }: { queueId: string; pageKey: string }) {
  const [{ clientKey: linked }, set] = useSearchState(linkParams);
  const actAs = useActAsClient();
  const toast = useToast();
  const firstKey = useRef(pageKey);

  useEffect(() => {
    // Keep the URL on the page's key, except for a foreign key the user has not answered yet.
    const keyChanged = firstKey.current !== pageKey;
    if (!linked || keyChanged) set({ clientKey: pageKey });
    firstKey.current = pageKey;
  }, [linked, pageKey, set]);

  if (!linked || linked === pageKey) return null;
  const valid = clientKeyInput.safeParse(linked).success;
  return (
    <Notice>
      <p>
        This link uses clientKey <code>{linked.slice(0, 40)}</code>; this page uses <code>{pageKey}</code>.
        {valid
          ? ' Acting as the link’s client on this queue shows its locks as yours, so you can prolong or release them (a crashed crawler’s locks, say). Other queues keep your own key.'
          : ' That key is not a valid clientKey (1–32 letters, digits, “.”, “_” or “-”).'}
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        {valid && (
          <Button
            size="sm"
            variant="primary"
            disabled={actAs.isPending}
            onClick={() =>
              actAs.mutate(
                { queueId, clientKey: linked },
                { onSuccess: () => toast(`Acting as ${linked} on this queue`) },
              )
            }
          >
            Act as {linked}
          </Button>
        )}
        <Button size="sm" onClick={() => set({ clientKey: pageKey })}>
          Keep {pageKey}
        </Button>
      </div>
      {actAs.error && <ErrorAlert>{errorMessage(actAs.error)}</ErrorAlert>}
    </Notice>
  );
}
