import type { GatewayPair, GatewayResult } from './gateway';
import type { HttpResult } from './http';
import type { ExportFigures, InspectResult, Throughput } from './inspect';
import type { Machine } from './machine';
import type { Milestones, PageResult, ScriptSizes } from './page';
import type { RecorderResult } from './recorder';
import { median, type Summary } from './stats';
import type { StoreRow } from './store';

export interface PageFigures {
  renderMs: number[];
  milestones: Milestones[];
  js: PageResult['js'];
}

export interface BenchResults {
  startedAt: string;
  durationSec: number;
  command: string;
  buildId: string;
  machine: Machine;
  store: StoreRow[];
  http: { standalone: HttpResult; next: HttpResult };
  gateway: GatewayResult;
  recorder: RecorderResult;
  page: PageFigures;
  inspect: InspectResult;
}

export interface Goal {
  goal: string;
  target: string;
  measured: string;
  met: boolean;
  /** How far off a missed goal is. */
  margin: string;
}

interface Table {
  title: string;
  headers: string[];
  rows: string[][];
}

const rate = (value: number) => Math.round(value).toLocaleString('en');
const ms = (value: number) => (value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0));
const times = (value: number) => `${value.toFixed(2)}×`;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
/** Mean time per call, from calls/s: throughput includes every slow call, p50 does not. */
const meanMs = (summary: Summary) => 1000 / summary.perSec;

const storeRow = (rows: StoreRow[], size: string) => {
  const row = rows.find((entry) => entry.size === size);
  if (!row) throw new Error(`no store figures for ${size}`);
  return row;
};

function growth(byLabel: (size: string) => Summary) {
  const small = byLabel('10k');
  const large = byLabel('1M');
  return { mean: meanMs(large) / meanMs(small), p50: large.p50 / small.p50 };
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(fraction < 0.1 ? 1 : 0)}%`;

function atMost(goal: string, target: number, measured: number, show: (value: number) => string): Goal {
  const met = measured <= target;
  const margin = met ? '' : `${percent(measured / target - 1)} over`;
  return { goal, target: `≤ ${show(target)}`, measured: show(measured), met, margin };
}

function atLeast(goal: string, target: number, measured: number, show: (value: number) => string): Goal {
  const met = measured >= target;
  const margin = met ? '' : `${percent(1 - measured / target)} short`;
  return { goal, target: `≥ ${show(target)}`, measured: show(measured), met, margin };
}

function exactly(goal: string, target: number, measured: number): Goal {
  const met = measured === target;
  const margin = met ? '' : `${rate(Math.abs(measured - target))} ${measured < target ? 'missing' : 'too many'}`;
  return { goal, target: `= ${rate(target)}`, measured: rate(measured), met, margin };
}

const mb = (value: number) => `${value.toFixed(1)} MB`;
const perSec = (value: number) => `${rate(value)}/s`;

/** The goals of part 7 (issue 12). CSV's figures are reported, its row count checked. */
export function inspectGoals(inspect: InspectResult): Goal[] {
  const { find, scan } = inspect;
  const { ndjson, csv } = inspect.export;
  return [
    atMost('find by uniqueKey in 1M requests: action p50', 50, find.hit.p50, (value) => `${ms(value)} ms`),
    atLeast('scan of 100k for failed: requests read/s', 20_000, scan.perSec, perSec),
    atMost('scan of 100k: server RSS growth', 100, scan.memory.growthMB, mb),
    exactly('scan of 100k: requests read', scan.expected, scan.requests),
    exactly('scan of 100k: failed requests found (as seeded)', scan.failedSeeded, scan.failedFound),
    atLeast('export of 100k as NDJSON: requests/s', 20_000, ndjson.perSec, perSec),
    atMost('export of 100k as NDJSON: server RSS growth', 100, ndjson.memory.growthMB, mb),
    exactly('export NDJSON: rows received', ndjson.expected, ndjson.requests),
    exactly('export CSV: rows received', csv.expected, csv.requests),
  ];
}

export function evaluateGoals(results: BenchResults): Goal[] {
  const { store, http, gateway, page, recorder } = results;
  const peer100k = storeRow(store, '100k');
  const storeGrowth = growth((size) => storeRow(store, size).emulator);
  const httpGrowth = (server: HttpResult) => growth((size) => server.growth[size] as Summary);
  return [
    atMost('store lock cost, 1M ÷ 10k (mean time per call)', 1.5, storeGrowth.mean, times),
    atMost('HTTP standalone lock cost, 1M ÷ 10k', 1.5, httpGrowth(http.standalone).mean, times),
    atMost('HTTP next start lock cost, 1M ÷ 10k', 1.5, httpGrowth(http.next).mean, times),
    atLeast(
      'store at 100k: emulator ÷ memory-storage lock calls/s',
      10,
      peer100k.emulator.perSec / (peer100k.peer?.perSec ?? Number.NaN),
      times,
    ),
    atLeast('HTTP standalone, 8 clients: lock calls/s', 1000, http.standalone.lock[8]?.perSec ?? 0, rate),
    atLeast('HTTP next start, 8 clients: lock calls/s', 1000, http.next.lock[8]?.perSec ?? 0, rate),
    atMost(
      'snapshot action p50 ÷ apify-client p50',
      1.5,
      gateway.snapshot.action.p50 / gateway.snapshot.direct.p50,
      times,
    ),
    atMost('lock-head action p50 ÷ apify-client p50', 1.5, gateway.lock.action.p50 / gateway.lock.direct.p50, times),
    atMost(
      'queue snapshot p50, recorded ÷ not recorded',
      1.1,
      recorder.snapshot.with.p50 / recorder.snapshot.without.p50,
      times,
    ),
    atMost('queue page first-load JS (gzip, on the wire)', 200_000, page.js.firstLoad.transferred, kB),
    atMost('queue page: 1,000 head rows rendered (median)', 1000, median(page.renderMs), (value) => `${ms(value)} ms`),
    ...inspectGoals(results.inspect),
  ];
}

const scriptRows = (label: string, sizes: ScriptSizes) => [
  [`JavaScript on the wire, ${label} (${sizes.files} scripts, ${sizes.encodings.join('/')})`, kB(sizes.transferred)],
  ['… decoded', kB(sizes.decoded)],
  ['… our own gzip -6 of the decoded scripts', kB(sizes.gzip6)],
];

/** Where the time goes, medians over the runs. */
function milestoneRows(milestones: Milestones[]): string[][] {
  const at = (pick: (entry: Milestones) => number) => `${ms(median(milestones.map(pick)))} ms`;
  return [
    ['… HTML received (median)', at((entry) => entry.html)],
    ['… DOMContentLoaded (median)', at((entry) => entry.domContentLoaded)],
    [
      `… snapshot action with the head sent → answered (median; server actions until the rows: ${median(milestones.map((entry) => entry.actions))})`,
      `${at((entry) => entry.actionSent)} → ${at((entry) => entry.actionReceived)}`,
    ],
  ];
}

const latencyRow = (label: string, value: Summary) => [
  label,
  rate(value.calls),
  ms(value.p50),
  ms(value.p95),
  ms(value.p99),
];

const throughputRow = (label: string, value: Throughput, note: string) => [
  label,
  rate(value.requests),
  (value.wallMs / 1000).toFixed(2),
  rate(value.perSec),
  value.memory.startMB.toFixed(0),
  value.memory.peakMB.toFixed(0),
  value.memory.growthMB.toFixed(1),
  note,
];

const exportNote = (value: ExportFigures) =>
  `${(value.bytes / 1e6).toFixed(1)} MB sent, first byte after ${ms(value.firstByteMs)} ms; X-Headlock-Total ${value.totalHeader ?? '—'}`;

function inspectTables(inspect: InspectResult): Table[] {
  const { find, scan } = inspect;
  return [
    {
      title:
        '7a. Inspection: find a request through the gateway (findRequestAction as the browser calls it), 1M-request queue (ms)',
      headers: ['call', 'calls', 'p50 ms', 'p95 ms', 'p99 ms'],
      rows: [
        latencyRow('find by uniqueKey (a URL), found', find.hit),
        latencyRow('diagnostic: find of a text that is no request (every candidate tried)', find.miss),
        latencyRow('diagnostic: apify-client getRequest straight to the emulator', find.direct),
      ],
    },
    {
      title: `7b. Inspection: 100k requests through the gateway; server RSS of next start (${scan.memory.peakFrom === 'VmHWM' ? 'peak: VmHWM, reset at the start of each run' : 'peak: VmRSS sampled every 20 ms'})`,
      headers: ['run', 'requests', 'seconds', 'requests/s', 'RSS start MB', 'peak MB', 'growth MB', 'note'],
      rows: [
        throughputRow(
          `scan for failed: scanPageAction × ${scan.pages} pages`,
          scan,
          `${rate(scan.failedFound)} failed found (${rate(scan.failedSeeded)} seeded); page p50 ${ms(scan.pageMs.p50)} ms, p95 ${ms(scan.pageMs.p95)} ms`,
        ),
        throughputRow('export NDJSON, filter all', inspect.export.ndjson, exportNote(inspect.export.ndjson)),
        throughputRow('export CSV, filter all', inspect.export.csv, exportNote(inspect.export.csv)),
      ],
    },
  ];
}

const goalsTable = (goals: Goal[]): Table => ({
  title: 'Goals',
  headers: ['goal', 'target', 'measured', 'met'],
  rows: goals.map((goal) => [goal.goal, goal.target, goal.measured, goal.met ? '✓' : `✗ ${goal.margin}`]),
});

function tables(results: BenchResults, goals: Goal[]): Table[] {
  const { store, http, gateway, page, recorder } = results;
  const httpRows = (label: string, server: HttpResult) =>
    ([1, 8, 32] as const).map((clients) => {
      const head = server.head[clients] as Summary;
      const lock = server.lock[clients] as Summary;
      return [
        label,
        String(clients),
        rate(head.perSec),
        ms(head.p50),
        ms(head.p99),
        rate(lock.perSec),
        ms(lock.p50),
        ms(lock.p99),
      ];
    });
  const gatewayRow = (label: string, pair: GatewayPair) => [
    label,
    ms(pair.direct.p50),
    ms(pair.direct.p99),
    ms(pair.action.p50),
    ms(pair.action.p99),
    times(pair.action.p50 / pair.direct.p50),
    times(pair.action.p99 / pair.direct.p99),
    ms(pair.action.p50 - pair.direct.p50),
  ];
  const growthRow = (label: string, bySize: (size: string) => Summary) => {
    const ratio = growth(bySize);
    return [
      label,
      ...['10k', '100k', '1M'].map((size) => `${rate(bySize(size).perSec)} (${ms(bySize(size).p50)})`),
      times(ratio.mean),
      times(ratio.p50),
    ];
  };
  return [
    {
      title:
        '1. Emulator store, in process: listAndLockHead(limit 25, lockSecs 60), consecutive calls, locks accumulating',
      headers: [
        'queue',
        'calls',
        'emulator calls/s',
        'p50 ms',
        'p99 ms',
        'memory-storage calls/s',
        'p50 ms',
        'p99 ms',
        'emulator ÷ memory-storage',
      ],
      rows: store.map((row) => [
        row.size,
        rate(row.calls),
        rate(row.emulator.perSec),
        ms(row.emulator.p50),
        ms(row.emulator.p99),
        row.peer ? rate(row.peer.perSec) : '—',
        row.peer ? ms(row.peer.p50) : '—',
        row.peer ? ms(row.peer.p99) : '—',
        row.peer ? times(row.emulator.perSec / row.peer.perSec) : '—',
      ]),
    },
    {
      title:
        '2. Emulator over HTTP at 100k requests: limit 25 (lock: lockSecs 60), one clientKey and connection per client',
      headers: ['server', 'clients', 'head calls/s', 'p50 ms', 'p99 ms', 'lock calls/s', 'p50 ms', 'p99 ms'],
      rows: [
        ...httpRows('standalone', http.standalone),
        ...httpRows('next start', http.next),
        ...(
          [
            ['standalone', http.standalone],
            ['next start', http.next],
          ] as const
        ).map(([label, server]) => [
          `diagnostic: ${label}, GET /v2/users/me (no queue)`,
          '8',
          rate(server.ceiling.perSec),
          ms(server.ceiling.p50),
          ms(server.ceiling.p99),
          '—',
          '—',
          '—',
        ]),
      ],
    },
    {
      title: '3. Gateway overhead: server action as the browser calls it vs apify-client direct, same emulator (ms)',
      headers: ['call', 'direct p50', 'direct p99', 'action p50', 'action p99', 'ratio p50', 'ratio p99', 'added p50'],
      rows: [
        gatewayRow('queue snapshot (queue + head 100 + locks)', gateway.snapshot),
        gatewayRow('lock head (25, 60 s)', gateway.lock),
        [
          'diagnostic: getSessionAction (no upstream call)',
          '—',
          '—',
          ms(gateway.sessionOnly.p50),
          ms(gateway.sessionOnly.p99),
          '—',
          '—',
          '—',
        ],
      ],
    },
    {
      title: '4. Queue page in Chromium: /queues/<id>?limit=1000, cold cache each time',
      headers: ['measure', 'value'],
      rows: [
        ['navigation → 1,000 head rows rendered, median', `${ms(median(page.renderMs))} ms`],
        ['… each run', page.renderMs.map((value) => `${ms(value)}`).join(', ')],
        ...milestoneRows(page.milestones),
        ...scriptRows('first load: the scripts the HTML names', page.js.firstLoad),
        ...scriptRows('everything until the network is idle (lazy parts too)', page.js.all),
      ],
    },
    {
      title: '5. Growth of the lock call from 10k to 1M requests: calls/s (p50 ms), and 1M ÷ 10k time per call',
      headers: ['where', '10k', '100k', '1M', '1M ÷ 10k mean', '1M ÷ 10k p50'],
      rows: [
        growthRow('store, in process', (size) => storeRow(store, size).emulator),
        growthRow('HTTP standalone, 1 client', (size) => http.standalone.growth[size] as Summary),
        growthRow('HTTP next start, 1 client', (size) => http.next.growth[size] as Summary),
        growthRow('diagnostic: store, WAL auto-checkpoint off', (size) => storeRow(store, size).noCheckpoint),
      ],
    },
    {
      title:
        "6. Recorder: the queue snapshot (gateway, in process, over HTTP) without and with recording every snapshot; one write; the cockpit's read",
      headers: ['measure', 'p50 ms', 'p99 ms', 'note'],
      rows: [
        ['snapshot, not recorded', ms(recorder.snapshot.without.p50), ms(recorder.snapshot.without.p99), '—'],
        [
          'snapshot, recorded',
          ms(recorder.snapshot.with.p50),
          ms(recorder.snapshot.with.p99),
          `${times(recorder.snapshot.with.p50 / recorder.snapshot.without.p50)} p50, ${ms(recorder.snapshot.with.p50 - recorder.snapshot.without.p50)} ms added`,
        ],
        [
          'record(): a sample whose 100 locks and 100 head IDs all changed',
          ms(recorder.write.full.p50),
          ms(recorder.write.full.p99),
          `${kB(recorder.write.bytesPerFull)} per sample on disk`,
        ],
        [
          'record(): a sample that repeats the last one',
          ms(recorder.write.repeat.p50),
          ms(recorder.write.repeat.p99),
          `${kB(recorder.write.bytesPerRepeat)} per sample on disk`,
        ],
        [
          `cockpit: read ${recorder.cockpit.samples} samples of history and judge them, as each poll does`,
          ms(recorder.cockpit.read.p50),
          ms(recorder.cockpit.read.p99),
          `the first read, which parses every sample: ${ms(recorder.cockpit.firstReadMs)} ms`,
        ],
      ],
    },
    ...inspectTables(results.inspect),
    goalsTable(goals),
  ];
}

const isNumeric = (cell: string) => /^[-\d.,]+( ?(ms|kB|×))?$|^[\d.,]+×$|^—$/.test(cell);

function textTable({ title, headers, rows }: Table): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i > 0 && isNumeric(cell) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '─'.repeat(width)).join('  ');
  return [title, line(headers), rule, ...rows.map(line)].join('\n');
}

function markdownTable({ title, headers, rows }: Table): string {
  const cellText = (cell: string) => cell.replace(/\|/g, '\\|');
  const align = headers.map((_, i) => (i > 0 && rows.every((row) => isNumeric(row[i] ?? '')) ? '---:' : '---'));
  return [
    `**${title}**`,
    '',
    `| ${headers.map(cellText).join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cellText).join(' | ')} |`),
  ].join('\n');
}

function machineLine(results: BenchResults): string {
  const { machine } = results;
  return (
    `${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}; ` +
    `load average ${machine.loadAtStart.toFixed(1)} at start, ${machine.loadAtEnd?.toFixed(1) ?? '?'} at end; ` +
    `fsync of 120 kB p50 ${ms(machine.fsyncMs.p50)} ms, p90 ${ms(machine.fsyncMs.p90)} ms`
  );
}

export function renderText(results: BenchResults, goals: Goal[]): string {
  return [
    `Headlock bench, ${results.startedAt}, ${results.durationSec.toFixed(0)} s, build ${results.buildId}`,
    machineLine(results),
    '',
    ...tables(results, goals).flatMap((table) => [textTable(table), '']),
  ].join('\n');
}

/** Part 7 alone (`--only inspect`): its tables and goals. */
export function renderInspectText(inspect: InspectResult): string {
  return [...inspectTables(inspect), goalsTable(inspectGoals(inspect))].map(textTable).join('\n\n');
}

export function renderMarkdown(results: BenchResults, goals: Goal[]): string {
  return [
    `Run of ${results.startedAt} (\`${results.command}\`, ${results.durationSec.toFixed(0)} s). Machine: ${machineLine(results)}.`,
    '',
    ...tables(results, goals).flatMap((table) => [markdownTable(table), '']),
  ].join('\n');
}
