'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { ApiLogButton } from '@/components/api-log/api-log-button';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { clientKeyInput } from '@/lib/action-inputs';
import { ActionFailure, errorMessage } from '@/lib/queries/action-error';
import { useDisconnect, useSetClientKey, useSetWritesArmed } from '@/lib/queries/mutations';
import { sessionQuery } from '@/lib/queries/options';
import type { SessionInfo } from '@/lib/types';
import type { Theme } from './theme';
import { ThemeToggle } from './theme-toggle';

export function SessionControls({ initial, theme }: { initial: SessionInfo; theme: Theme }) {
  const { data } = useQuery({ ...sessionQuery(), initialData: initial });
  const session = data ?? initial;
  return (
    <>
      <Badge tone={session.target === 'local' ? 'info' : 'warn'}>
        {session.target === 'local' ? 'Embedded emulator' : 'Apify'}
      </Badge>
      <span className="text-sm text-zinc-600 dark:text-zinc-300" title="Signed in as">
        {session.username}
      </span>
      <ClientKeyControl clientKey={session.clientKey} />
      <WritesControl session={session} />
      <ApiLogButton />
      <ThemeToggle initial={theme} />
      <DisconnectButton />
    </>
  );
}

function ClientKeyControl({ clientKey }: { clientKey: string }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(clientKey);
  const [localError, setLocalError] = useState<string | null>(null);
  const setKey = useSetClientKey();
  const toast = useToast();
  const errorId = useId();
  const serverFieldError =
    setKey.error instanceof ActionFailure ? setKey.error.fieldErrors?.clientKey?.join(' ') : undefined;
  const fieldError = localError ?? serverFieldError;
  const shownError = fieldError ? `clientKey ${fieldError}` : setKey.error ? errorMessage(setKey.error) : null;
  if (!editing) {
    return (
      <span className="flex items-center gap-1 text-xs">
        <span className="text-zinc-500 dark:text-zinc-400">clientKey</span>
        <code data-testid="session-client-key" className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">
          {clientKey}
        </code>
        <Button size="sm" variant="ghost" onClick={() => setEditing(true)} aria-label="Change clientKey">
          Change
        </Button>
      </span>
    );
  }
  return (
    <form
      className="flex items-center gap-1 text-xs"
      onSubmit={(event) => {
        event.preventDefault();
        // Checked here with the server's own schema, so a bad key never makes a call.
        const parsed = clientKeyInput.safeParse(value.trim());
        if (!parsed.success) {
          setLocalError(parsed.error.issues[0]?.message ?? 'not a valid clientKey');
          return;
        }
        setLocalError(null);
        setKey.mutate(
          { clientKey: parsed.data },
          {
            onSuccess: () => {
              setEditing(false);
              toast(`clientKey is now ${parsed.data}`);
            },
          },
        );
      }}
    >
      <label className="flex items-center gap-1">
        <span className="text-zinc-500 dark:text-zinc-400">New clientKey</span>
        <input
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={shownError ? errorId : undefined}
          className="h-7 w-44 rounded border border-zinc-300 bg-white px-1 font-mono dark:border-zinc-700 dark:bg-zinc-900"
        />
      </label>
      <Button size="sm" type="submit" variant="primary" disabled={setKey.isPending}>
        Save
      </Button>
      <Button
        size="sm"
        onClick={() => {
          setLocalError(null);
          setEditing(false);
        }}
      >
        Cancel
      </Button>
      {shownError && (
        <span id={errorId} role="alert" className="text-red-700 dark:text-red-400">
          {shownError}
        </span>
      )}
    </form>
  );
}

function WritesControl({ session }: { session: SessionInfo }) {
  const arm = useSetWritesArmed();
  const toast = useToast();
  const toggle = (armed: boolean) =>
    arm.mutate({ armed }, { onSuccess: () => toast(armed ? 'Writes armed' : 'Read-only: writes disarmed') });
  if (session.writesArmed) {
    return (
      <span className="flex items-center gap-1">
        <Badge tone={session.target === 'apify' ? 'bad' : 'good'}>Writes armed</Badge>
        <Button size="sm" variant="ghost" onClick={() => toggle(false)} disabled={arm.isPending}>
          Disarm
        </Button>
      </span>
    );
  }
  return (
    <span className="flex items-center gap-1">
      <Badge>Read-only</Badge>
      <Button
        size="sm"
        onClick={() => toggle(true)}
        disabled={arm.isPending}
        title="Allow locking, unlocking, adding and changing requests in this session"
      >
        Arm writes
      </Button>
    </span>
  );
}

function DisconnectButton() {
  const disconnect = useDisconnect();
  const router = useRouter();
  return (
    <Button
      size="sm"
      variant="ghost"
      disabled={disconnect.isPending}
      onClick={() =>
        disconnect.mutate(undefined, {
          onSuccess: () => {
            router.replace('/connect');
            router.refresh();
          },
        })
      }
    >
      Disconnect
    </Button>
  );
}
