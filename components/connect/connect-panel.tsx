'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Panel } from '@/components/ui/panel';
import { ActionFailure, errorMessage } from '@/lib/queries/action-error';
import { useConnectApify, useConnectEmulator } from '@/lib/queries/mutations';

export function ConnectPanel({ apifyHost }: { apifyHost: string }) {
  const router = useRouter();
  const emulator = useConnectEmulator();
  const apify = useConnectApify();
  const [token, setToken] = useState('');
  const enter = () => {
    router.replace('/');
    router.refresh();
  };
  const tokenErrors = apify.error instanceof ActionFailure ? apify.error.fieldErrors?.token : undefined;

  return (
    <div className="grid gap-6 md:grid-cols-2">
      <Panel
        title="Embedded emulator"
        roomy
        description={
          <>
            The Apify request-queue API emulated on this machine, with demo queues. No account, no token: try
            everything, including locks, safely.
          </>
        }
      >
        <Button
          variant="primary"
          className="mt-4"
          disabled={emulator.isPending}
          onClick={() => emulator.mutate(undefined, { onSuccess: enter })}
        >
          {emulator.isPending ? 'Connecting…' : 'Use the embedded emulator'}
        </Button>
        {emulator.error && (
          <div className="mt-3">
            <ErrorAlert title="Could not connect to the emulator">{errorMessage(emulator.error)}</ErrorAlert>
          </div>
        )}
      </Panel>

      <Panel
        title="Apify"
        roomy
        description={
          <>
            Your queues on {apifyHost}. The token is checked with Apify, then kept only in an encrypted, HTTP-only
            cookie; the browser never sees it again. You start read-only.
          </>
        }
      >
        <form
          className="mt-4 flex flex-col gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            apify.mutate({ token }, { onSuccess: enter });
          }}
        >
          <Field
            label="Apify API token"
            type="password"
            name="token"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(event) => setToken(event.target.value)}
            hint="Console → Settings → API & Integrations"
            errors={tokenErrors}
          />
          <Button type="submit" variant="primary" disabled={apify.isPending || token.trim() === ''}>
            {apify.isPending ? 'Checking the token…' : 'Connect to Apify'}
          </Button>
        </form>
        {apify.error && !tokenErrors && (
          <div className="mt-3">
            <ErrorAlert title="Could not connect to Apify">{errorMessage(apify.error)}</ErrorAlert>
          </div>
        )}
      </Panel>
    </div>
  );
}
