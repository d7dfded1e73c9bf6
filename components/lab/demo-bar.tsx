'use client';

import { Button } from '@/components/ui/button';
import { DEMOS, type Demo } from './demo-scripts';
import { NewLabQueueButton } from './new-lab-queue-button';
import type { DemoPlayer } from './use-demo';

interface DemoBarProps {
  demo: Demo | null;
  player: DemoPlayer;
  present: boolean;
}

/** The guided demo's caption and its Back / Next / Reset, or the list of demos to start one. */
export function DemoBar({ demo, player, present }: DemoBarProps) {
  const { index, played, running, error } = player;
  const presentParam: Record<string, string> = present ? { present: '1' } : {};
  if (!demo) {
    return (
      <nav aria-label="Guided demos" className="flex flex-wrap items-center gap-2 text-[0.85em]">
        <span className="font-semibold">Guided demos:</span>
        {DEMOS.map((choice) => (
          <NewLabQueueButton
            key={choice.id}
            queue={choice.queue}
            open={{ demo: choice.id, ...presentParam }}
            label={choice.title}
            size="sm"
          />
        ))}
      </nav>
    );
  }
  const step = index >= 0 ? demo.steps[index] : undefined;
  const last = index === demo.steps.length - 1;
  return (
    <section aria-label="Guided demo" className="flex min-w-0 items-start gap-3">
      <div className="min-w-0 flex-1">
        <p className="text-[0.75em] font-semibold tracking-wide text-zinc-500 dark:text-zinc-400 uppercase">
          {demo.title} · {index < 0 ? 'ready' : `step ${index + 1} of ${demo.steps.length}`}
          {running && ' · running…'}
          {index >= 0 && index < played && ' · already played (the queue stays as it is now)'}
        </p>
        <p data-testid="demo-caption" className="text-[1.15em] leading-snug font-medium">
          {step?.caption ?? 'Press Next to play the first step.'}
        </p>
        {error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
      </div>
      <div className="flex shrink-0 items-center gap-2">
        <Button onClick={player.back} disabled={index < 0 || running}>
          Back
        </Button>
        <Button variant="primary" onClick={player.next} disabled={last || running}>
          Next
        </Button>
        <NewLabQueueButton queue={demo.queue} open={{ demo: demo.id, ...presentParam }} label="Reset" />
      </div>
    </section>
  );
}
