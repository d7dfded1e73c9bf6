'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
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
      <section
        aria-labelledby="emulator-title"
        className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h2 id="emulator-title" className="text-lg font-semibold">
          Embedded emulator
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300">
          The Apify request-queue API emulated on this machine, with demo queues. No account, no token: try everything,
          including locks, safely.
        </p>
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
      </section>

      <section
        aria-labelledby="apify-title"
        className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h2 id="apify-title" className="text-lg font-semibold">
          Apify
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300">
          Your queues on {apifyHost}. The token is checked with Apify, then kept only in an encrypted, HTTP-only cookie;
          the browser never sees it again. You start read-only.
        </p>
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
      </section>
    </div>
  );
}
