'use client';

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { syncServerClockFrom } from '@/components/locks/server-clock';
import { ToastProvider } from '@/components/ui/toast';
import { ActionFailure } from '@/lib/queries/action-error';

/** A refused or missing session anywhere sends the user back to /connect. */
function leaveIfSignedOut(error: unknown) {
  if (error instanceof ActionFailure && error.code === 'unauthenticated' && window.location.pathname !== '/connect') {
    window.location.assign('/connect?reason=signed-out');
  }
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        // Every answer that carries the server's clock corrects the page's countdowns, in one place.
        queryCache: new QueryCache({ onError: leaveIfSignedOut, onSuccess: syncServerClockFrom }),
        mutationCache: new MutationCache({ onError: leaveIfSignedOut, onSuccess: syncServerClockFrom }),
        defaultOptions: { queries: { staleTime: 1_000, refetchOnWindowFocus: false } },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
