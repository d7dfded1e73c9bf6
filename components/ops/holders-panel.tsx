'use client';

import { useState } from 'react';
import { useServerNow } from '@/components/locks/server-clock';
import { ErrorAlert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { Panel } from '@/components/ui/panel';
import { useToast } from '@/components/ui/toast';
import { formatSecondsLeft } from '@/lib/format';
import type { Holder, HolderStatus, OpsSettings } from '@/lib/ops/history';
import { errorMessage } from '@/lib/queries/action-error';
import { useReleaseHolder } from '@/lib/queries/mutations';
import { Ago } from './ago';
import { clockTime } from './clock-time';
import { ReleaseConfirmation } from './release-confirmation';

const STATUS_TONE: Record<HolderStatus, 'good' | 'bad' | 'neutral'> = {
  active: 'good',
  silent: 'bad',
  unknown: 'neutral',
};

interface HoldersPanelProps {
  queueId: string;
  holders: Holder[];
  settings: OpsSettings;
  /** The clientKey this page sends on the queue (its own, or the one it acts as). */
  pageKey: string;
  /** The session's own clientKey, which releasing never changes. */
  sessionKey: string;
  locksTruncated: boolean;
  writeBlock: string | null;
}

/** One row per client holding locks: how many, until when, whether it still acts; release per holder. */
export function HoldersPanel(props: HoldersPanelProps) {
  const { queueId, holders, settings, pageKey, sessionKey, locksTruncated, writeBlock } = props;
  const toast = useToast();
  const release = useReleaseHolder();
  // The holder being confirmed, by key: what the dialog shows is its row as of the latest poll.
  const [confirmingKey, setConfirmingKey] = useState<string | null>(null);
  const confirming = holders.find((holder) => holder.clientKey === confirmingKey);
  const [failure, setFailure] = useState<unknown>(null);
  const silentFor = `${settings.silentAfterSecs} s`;

  const onRelease = (holder: Holder) => {
    setFailure(null);
    release.mutate(
      { queueId, clientKey: holder.clientKey },
      {
        onSuccess: (result) => {
          setConfirmingKey(null);
          toast(`Released ${result.unlockedCount} lock${result.unlockedCount === 1 ? '' : 's'} of ${result.clientKey}`);
        },
        onError: setFailure,
      },
    );
  };

  return (
    <Panel
      title="Lock holders"
      description={`A holder is silent after ${silentFor} with no lock taken, prolonged, released or handled (set silentAfter in the URL); unknown until watched that long.${locksTruncated ? ' Not every lock could be read: the counts are lower bounds.' : ''}`}
      className="flex flex-col gap-2"
    >
      {holders.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-300">No client holds a lock on this queue.</p>
      ) : (
        <DataTable
          label="Lock holders"
          columns={[
            { label: 'Holder' },
            { label: 'Locks', className: 'text-right' },
            { label: 'First expiry' },
            { label: 'Last expiry' },
            { label: 'Last seen acting' },
            { label: 'Status' },
            { label: <span className="sr-only">Release</span> },
          ]}
        >
          {holders.map((holder) => (
            <tr key={holder.clientKey} className="border-t border-zinc-100 align-top dark:border-zinc-800">
              <td className="py-1 pr-3">
                <span className="font-mono text-xs whitespace-nowrap">{holder.clientKey}</span>
                {holder.clientKey === pageKey && (
                  <span className="ml-1">
                    <Badge tone="info">this dashboard</Badge>
                  </span>
                )}
              </td>
              <td className="py-1 pr-3 text-right tabular-nums">{holder.locks}</td>
              <td className="py-1 pr-3 tabular-nums">
                <Expiry at={holder.earliestExpiry} />
              </td>
              <td className="py-1 pr-3 tabular-nums">
                <Expiry at={holder.latestExpiry} />
              </td>
              <td className="py-1 pr-3 tabular-nums">
                {holder.lastActedAt === null ? (
                  <span className="text-zinc-500 dark:text-zinc-400">not seen</span>
                ) : (
                  <Ago at={holder.lastActedAt} />
                )}
              </td>
              <td className="py-1 pr-3">
                <Badge tone={STATUS_TONE[holder.status]}>{holder.status}</Badge>
              </td>
              <td className="py-1 text-right">
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={writeBlock !== null || release.isPending}
                  title={writeBlock ?? undefined}
                  onClick={() => {
                    setFailure(null);
                    setConfirmingKey(holder.clientKey);
                  }}
                >
                  Release {holder.locks} lock{holder.locks === 1 ? '' : 's'} of {holder.clientKey}
                </Button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {writeBlock && holders.length > 0 && <p className="text-xs text-zinc-600 dark:text-zinc-300">{writeBlock}</p>}
      {confirming && (
        <ReleaseConfirmation
          queueId={queueId}
          holder={confirming}
          sessionKey={sessionKey}
          busy={release.isPending}
          onConfirm={() => onRelease(confirming)}
          onCancel={() => setConfirmingKey(null)}
        />
      )}
      {failure !== null && <ErrorAlert title="The release failed">{errorMessage(failure)}</ErrorAlert>}
    </Panel>
  );
}

/** An expiry: its wall-clock time, and what is left of it on the shared ticker. */
function Expiry({ at }: { at: number }) {
  const now = useServerNow();
  return (
    <time dateTime={new Date(at).toISOString()} className="flex flex-col whitespace-nowrap">
      <span>{clockTime(at)}</span>
      <span className="text-xs text-zinc-500 dark:text-zinc-400">
        {at > now ? `${formatSecondsLeft(at - now)} left` : 'expired'}
      </span>
    </time>
  );
}
