'use client';

import { useMemo, useRef, useState } from 'react';
import type { Lease } from '@/lib/lab/leases';
import type { LabLogEntry, LabWireCall } from '@/lib/lab/types';
import { LANE_LOOKS } from './lanes';
import { useSize } from './use-size';

const GUTTER = 44;
const AXIS = 18;
const MIN_SPAN_MS = 20_000;
const MAX_SPAN_MS = 180_000;

const END_MARKS: Record<Lease['end'], string> = {
  handled: '✓',
  failed: '✗',
  unlocked: '↩',
  expired: '',
  open: '',
};

const END_WORDS: Record<Lease['end'], string> = {
  handled: 'marked handled',
  failed: 'failed and reclaimed',
  unlocked: 'unlocked',
  expired: 'expired',
  open: 'still held',
};

/** Compares labels as people do: r2 before r10. */
const byLabel = new Intl.Collator(undefined, { numeric: true }).compare;

/** The time window the chart shows: the leases so far (up to 3 minutes), and the locks still running. */
function windowOf(leases: Lease[], now: number) {
  const latest = Math.max(now, ...leases.filter((lease) => lease.end === 'open').map((lease) => lease.expiresAt));
  const end = latest + 1_000;
  const earliest = Math.min(now, ...leases.map((lease) => lease.grantedAt)) - 1_000;
  const span = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, end - earliest));
  return { start: end - span, end };
}

function tickStep(spanMs: number) {
  return [1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000].find((step) => spanMs / step <= 8) ?? 60_000;
}

const leaseKey = (lease: Lease) => `${lease.lane}-${lease.requestId}-${lease.grantedAt}`;

const shortPath = (path: string) => path.replace(/^\/v2\/request-queues\/[^/?]+/, '…');

export function describeCall(call: LabWireCall) {
  return `${call.method} ${shortPath(call.path)} → ${call.status ?? 'no answer'} · ${Math.round(call.durationMs)} ms`;
}

/** A bar the pointer is on (or that a click pinned), and where its tooltip goes. */
interface Pointed {
  key: string;
  x: number;
  y: number;
}

interface TimelineProps {
  leases: Lease[];
  log: LabLogEntry[];
  labels: Map<string, string>;
  now: number;
}

/** A Gantt chart of the leases: one row per request, a bar per lock in its holder's colour. */
export function LeaseTimeline({ leases, log, labels, now }: TimelineProps) {
  const box = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(box);
  const [hovered, setHovered] = useState<Pointed | null>(null);
  const [pinned, setPinned] = useState<Pointed | null>(null);
  const togglePin = (bar: Pointed) => setPinned((current) => (current?.key === bar.key ? null : bar));
  const pointed = hovered ?? pinned;
  const shownLease = pointed && leases.find((lease) => leaseKey(lease) === pointed.key);
  const shown = pointed && shownLease ? { ...pointed, lease: shownLease } : null;
  const callsById = useMemo(() => new Map(log.flatMap((entry) => entry.calls.map((call) => [call.id, call]))), [log]);

  const rows = useMemo(
    () =>
      [...new Set(leases.map((lease) => lease.requestId))].sort((a, b) =>
        byLabel(labels.get(a) ?? a, labels.get(b) ?? b),
      ),
    [leases, labels],
  );
  const { start, end } = windowOf(leases, now);
  const plotWidth = Math.max(0, width - GUTTER - 8);
  const rowHeight = rows.length === 0 ? 18 : Math.max(12, Math.min(22, (height - AXIS - 4) / rows.length));
  const x = (time: number) => GUTTER + ((Math.min(Math.max(time, start), end) - start) / (end - start)) * plotWidth;
  const step = tickStep(end - start);
  const ticks: number[] = [];
  for (let tick = Math.ceil(start / step) * step; tick <= end; tick += step) {
    // The "now" label stands where a tick's would: that tick goes.
    if (Math.abs(x(tick) - x(now)) > 24) ticks.push(tick);
  }

  return (
    <div ref={box} className="relative h-full min-h-32 w-full overflow-y-auto">
      {rows.length === 0 && (
        <p className="absolute inset-0 flex items-center justify-center text-sm text-zinc-500 dark:text-zinc-400">
          No lock yet: lock the head from a client to draw its lease here.
        </p>
      )}
      {/* biome-ignore lint/a11y/useSemanticElements: the chart's bars are grouped under its name; a fieldset cannot hold SVG */}
      <svg
        width={width}
        height={Math.max(height, AXIS + rows.length * rowHeight)}
        role="group"
        aria-label={`Leases: ${leases.length} of ${rows.length} requests`}
        className="block"
      >
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={x(tick)}
              x2={x(tick)}
              y1={AXIS - 4}
              y2={AXIS + rows.length * rowHeight}
              className="stroke-zinc-200 dark:stroke-zinc-800"
            />
            <text x={x(tick)} y={AXIS - 6} textAnchor="middle" className="fill-zinc-500 text-[10px]">
              {`${Math.round((tick - now) / 1000)} s`}
            </text>
          </g>
        ))}
        {rows.map((requestId, row) => (
          <text
            key={requestId}
            x={GUTTER - 6}
            y={AXIS + row * rowHeight + rowHeight / 2}
            dominantBaseline="middle"
            textAnchor="end"
            className="fill-zinc-700 font-mono text-[11px] dark:fill-zinc-300"
          >
            {labels.get(requestId) ?? requestId.slice(0, 5)}
          </text>
        ))}
        {leases.map((lease) => {
          const row = rows.indexOf(lease.requestId);
          const top = AXIS + row * rowHeight + 1;
          const barHeight = Math.max(4, rowHeight - 3);
          const colour = LANE_LOOKS[lease.lane].colour;
          const solidEnd = lease.endedAt ?? Math.min(now, lease.expiresAt);
          const label = labels.get(lease.requestId) ?? lease.requestId;
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG bar cannot be a <button>; it pins its calls on click
            <g
              key={leaseKey(lease)}
              role="button"
              tabIndex={0}
              aria-label={`${label}: ${LANE_LOOKS[lease.lane].name}, ${END_WORDS[lease.end]}`}
              data-lease-end={lease.end}
              onMouseEnter={(event) =>
                setHovered({ key: leaseKey(lease), x: event.nativeEvent.offsetX, y: top + barHeight })
              }
              onMouseLeave={() => setHovered(null)}
              onFocus={() => setHovered({ key: leaseKey(lease), x: x(lease.grantedAt), y: top + barHeight })}
              onBlur={() => setHovered(null)}
              onClick={() => togglePin({ key: leaseKey(lease), x: x(lease.grantedAt), y: top + barHeight })}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  togglePin({ key: leaseKey(lease), x: x(lease.grantedAt), y: top + barHeight });
                }
              }}
              className="cursor-default outline-none"
            >
              <rect
                x={x(lease.grantedAt)}
                y={top}
                width={Math.max(2, x(solidEnd) - x(lease.grantedAt))}
                height={barHeight}
                rx={2}
                fill={colour}
              />
              {lease.end === 'open' && lease.expiresAt > now && (
                <rect
                  x={x(now)}
                  y={top + 0.5}
                  width={Math.max(0, x(lease.expiresAt) - x(now))}
                  height={barHeight - 1}
                  rx={2}
                  fill="none"
                  stroke={colour}
                  strokeDasharray="3 2"
                />
              )}
              {lease.end === 'expired' && (
                <line
                  x1={x(solidEnd)}
                  x2={x(solidEnd)}
                  y1={top - 1}
                  y2={top + barHeight + 1}
                  stroke={colour}
                  strokeWidth={2}
                  strokeDasharray="2 2"
                />
              )}
              {lease.end !== 'open' && lease.end !== 'expired' && (
                <text
                  x={x(solidEnd) + 2}
                  y={top + barHeight / 2}
                  dominantBaseline="middle"
                  fill={colour}
                  className="text-[10px] font-bold"
                >
                  {END_MARKS[lease.end]}
                </text>
              )}
            </g>
          );
        })}
        <line
          x1={x(now)}
          x2={x(now)}
          y1={AXIS - 4}
          y2={AXIS + rows.length * rowHeight}
          stroke="#dc2626"
          strokeWidth={1.5}
        />
        <text x={x(now)} y={10} textAnchor="middle" fill="#dc2626" className="text-[10px] font-semibold">
          now
        </text>
      </svg>
      {shown && (
        <div
          role="tooltip"
          className="pointer-events-none absolute z-10 max-w-md rounded-md border border-zinc-300 bg-white p-2 text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-950"
          style={{ left: Math.min(shown.x, Math.max(0, width - 380)), top: shown.y + 4 }}
        >
          <p className="font-semibold">
            {labels.get(shown.lease.requestId) ?? shown.lease.requestId} · {LANE_LOOKS[shown.lease.lane].name} ·{' '}
            {END_WORDS[shown.lease.end]}
          </p>
          <ul className="mt-1 font-mono">
            {shown.lease.callIds.map((id) => {
              const call = callsById.get(id);
              return call ? <li key={id}>{describeCall(call)}</li> : null;
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
