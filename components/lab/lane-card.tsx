'use client';

import { useState } from 'react';
import { CountdownBar } from '@/components/locks/countdown-bar';
import { Button } from '@/components/ui/button';
import { MAX_LOCK_LIMIT } from '@/lib/api-contract';
import { MAX_LAB_LOCK_SECS } from '@/lib/lab/inputs';
import type { LabLane, LabOp, LaneId } from '@/lib/lab/types';
import type { ActionError } from '@/lib/types';
import { LANE_LOOKS } from './lanes';
import { type CrawlerStatus, DEFAULT_CRAWLER } from './use-crawlers';

/** A lock a lane holds now, as the lane card lists it. */
export interface HeldLock {
  requestId: string;
  label: string;
  expiresAt: number;
  lockSecs: number;
}

export interface LaneControls {
  act: (lane: LaneId, op: LabOp) => Promise<ActionError | null>;
  startCrawler: (lane: LaneId, settings: typeof DEFAULT_CRAWLER) => void;
  crash: (lane: LaneId) => void;
}

interface LaneCardProps {
  lane: LabLane;
  held: HeldLock[];
  crawler: CrawlerStatus | undefined;
  controls: LaneControls;
  /** Why the lane may not write (read-only session), if so. */
  writesRefused: string | null;
}

const STATUS_TEXT: Record<CrawlerStatus, { short: string; long: string }> = {
  idle: { short: '', long: '' },
  running: { short: 'crawling', long: 'A simulated crawler is running in this page' },
  crashed: { short: 'crashed', long: 'Crashed: it acts no more; its locks stay until they expire' },
  finished: { short: 'finished', long: 'Finished: nothing left to lock and no locks out' },
  refused: { short: 'stopped', long: 'Stopped: the server refused a step (see the message below)' },
};

const numberInput =
  'h-7 w-12 rounded border border-zinc-300 bg-white px-1 text-right tabular-nums dark:border-zinc-700 dark:bg-zinc-950';

/** One client of the lab: its key, its buttons, what it holds, and its simulated crawler. */
export function LaneCard({ lane, held, crawler, controls, writesRefused }: LaneCardProps) {
  const look = LANE_LOOKS[lane.id];
  const [lockSecs, setLockSecs] = useState(10);
  const [limit, setLimit] = useState(2);
  const [forefront, setForefront] = useState(false);
  const [processSecs, setProcessSecs] = useState(DEFAULT_CRAWLER.processMs / 1000);
  const [failPercent, setFailPercent] = useState(DEFAULT_CRAWLER.failShare * 100);
  const [error, setError] = useState<string | null>(null);
  const crawling = crawler === 'running';
  const manualOff = crawling || writesRefused !== null;

  const act = async (op: LabOp) => {
    const refused = await controls.act(lane.id, op);
    setError(refused?.message ?? null);
  };

  return (
    <section
      aria-label={look.name}
      className="flex min-h-0 flex-col gap-1 overflow-hidden rounded-lg border-2 bg-white p-2 dark:bg-zinc-900"
      style={{ borderColor: look.colour }}
    >
      <header className="flex items-baseline gap-2">
        <span
          aria-hidden
          className="inline-block size-3 self-center rounded-full"
          style={{ background: look.colour }}
        />
        <h3 className="font-semibold whitespace-nowrap">{look.name}</h3>
        <code className="min-w-0 truncate text-xs text-zinc-500 dark:text-zinc-400" title="This lane's clientKey">
          {lane.clientKey}
        </code>
        {crawler && crawler !== 'idle' && (
          <span
            role="status"
            title={STATUS_TEXT[crawler].long}
            className="ml-auto shrink-0 rounded bg-zinc-100 px-1 text-xs dark:bg-zinc-800"
          >
            {STATUS_TEXT[crawler].short}
          </span>
        )}
      </header>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
        <NumberField label="lockSecs" value={lockSecs} onChange={setLockSecs} min={1} max={MAX_LAB_LOCK_SECS} />
        <NumberField label="limit" value={limit} onChange={setLimit} min={1} max={MAX_LOCK_LIMIT} />
        <NumberField
          label="work s"
          title="How long the simulated crawler works on each request"
          value={processSecs}
          onChange={setProcessSecs}
          min={0.1}
          max={60}
          step={0.1}
        />
        <NumberField
          label="fail %"
          title="The share of the simulated crawler's attempts that fail and are reclaimed"
          value={failPercent}
          onChange={setFailPercent}
          min={0}
          max={100}
        />
      </div>
      <div className="flex flex-wrap items-center gap-1.5">
        <Button size="sm" variant="primary" disabled={manualOff} onClick={() => act({ op: 'lock', lockSecs, limit })}>
          Lock head
        </Button>
        <Button size="sm" disabled={crawling} onClick={() => act({ op: 'read', limit: 25 })}>
          Read head
        </Button>
        {crawling ? (
          <Button
            size="sm"
            variant="danger"
            aria-label={`Crash ${look.name}`}
            title="Stop acting at once: the locks stay until they expire"
            onClick={() => controls.crash(lane.id)}
          >
            Crash
          </Button>
        ) : (
          <Button
            size="sm"
            disabled={writesRefused !== null}
            title="Lock batches of limit for lockSecs, work, prolong, mark handled or fail, as Crawlee does"
            onClick={() =>
              controls.startCrawler(lane.id, {
                ...DEFAULT_CRAWLER,
                lockSecs,
                batch: limit,
                processMs: processSecs * 1000,
                failShare: failPercent / 100,
              })
            }
          >
            Run as crawler
          </Button>
        )}
      </div>
      {held.length > 0 && (
        <label
          className="flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-300"
          title="Where a prolonged request returns when its lock ends"
        >
          <input type="checkbox" checked={forefront} onChange={(event) => setForefront(event.target.checked)} />
          prolong with forefront
        </label>
      )}
      <HeldList
        lane={lane.id}
        held={held}
        disabled={manualOff}
        onAct={act}
        prolong={(requestId) => ({ op: 'prolong', requestId, lockSecs, forefront })}
      />
      {(error ?? writesRefused) && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error ?? writesRefused}
        </p>
      )}
    </section>
  );
}

function NumberField({
  label,
  title,
  value,
  onChange,
  min,
  max,
  step,
}: {
  label: string;
  title?: string;
  value: number;
  onChange: (value: number) => void;
  min: number;
  max: number;
  step?: number;
}) {
  return (
    <label className="flex items-center gap-1" title={title}>
      {label}
      <input
        type="number"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(event) => onChange(Number(event.target.value))}
        className={numberInput}
      />
    </label>
  );
}

/** The buttons of one held lock: their names, glyphs, and the step each makes (prolong as the lane is set). */
interface LockAction {
  name: (label: string) => string;
  title: string;
  glyph: string;
  step: (requestId: string, prolong: (requestId: string) => LabOp) => LabOp;
}

const LOCK_ACTIONS: LockAction[] = [
  {
    name: (label) => `Prolong ${label}`,
    title: 'Prolong (lockSecs; forefront if ticked)',
    glyph: '⟳',
    step: (requestId, prolong) => prolong(requestId),
  },
  {
    name: (label) => `Unlock ${label} to the end`,
    title: 'Unlock to the end',
    glyph: '⇥',
    step: (requestId) => ({ op: 'unlock', requestId, forefront: false }),
  },
  {
    name: (label) => `Unlock ${label} to the front`,
    title: 'Unlock to the front',
    glyph: '⇤',
    step: (requestId) => ({ op: 'unlock', requestId, forefront: true }),
  },
  {
    name: (label) => `Mark ${label} handled`,
    title: 'Mark handled',
    glyph: '✓',
    step: (requestId) => ({ op: 'handled', requestId }),
  },
];

function HeldList({
  lane,
  held,
  disabled,
  onAct,
  prolong,
}: {
  lane: LaneId;
  held: HeldLock[];
  disabled: boolean;
  onAct: (op: LabOp) => void;
  prolong: (requestId: string) => LabOp;
}) {
  if (held.length === 0) return <p className="text-xs text-zinc-500 dark:text-zinc-400">Holds no lock.</p>;
  return (
    <ul aria-label={`Locks ${LANE_LOOKS[lane].name} holds`} className="flex min-h-0 flex-col gap-1 overflow-y-auto">
      {held.map((lock) => (
        <li key={lock.requestId} className="flex items-center gap-1 text-xs">
          <span className="w-8 font-mono font-semibold">{lock.label}</span>
          <div className="min-w-0 flex-1">
            <CountdownBar expiresAt={new Date(lock.expiresAt).toISOString()} totalMs={lock.lockSecs * 1000} narrow />
          </div>
          {LOCK_ACTIONS.map((action) => (
            <Button
              key={action.title}
              size="sm"
              variant="ghost"
              disabled={disabled}
              aria-label={action.name(lock.label)}
              title={action.title}
              onClick={() => onAct(action.step(lock.requestId, prolong))}
            >
              {action.glyph}
            </Button>
          ))}
        </li>
      ))}
    </ul>
  );
}
