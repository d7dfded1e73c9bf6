import 'server-only';
import type { LabQueue } from '../lab/types';
import { type GatewayContext, GatewayFailure, type Labs } from './gateway';
import type { LabScope } from './lab-registry';

// What every lab call needs first: the registry of the session's account, and the lab queue in it.

const noLabs = () =>
  new GatewayFailure({
    code: 'internal',
    message: 'The lock lab is not available in this session (it keeps lab queues per account, and none is known).',
  });

const notALab = () =>
  new GatewayFailure({
    code: 'needs-acknowledgement',
    message: 'This queue is not a lab queue: create one with New lab queue, or confirm using this one',
  });

/** The registry and the scope of the session's lab queues; throws when the session has none. */
export function labsOf(ctx: GatewayContext): { labs: Labs; scope: LabScope } {
  const labs = ctx.labs;
  if (!labs) throw noLabs();
  return { labs, scope: { target: ctx.target.name, account: labs.account } };
}

/** The lab queue, from the registry alone (no call): a queue that is not one is refused. */
export function labQueueOf(ctx: GatewayContext, queueId: string): LabQueue {
  const { labs, scope } = labsOf(ctx);
  const lab = labs.registry.get(scope, queueId);
  if (!lab) throw notALab();
  return lab;
}

/** A lane's clientKey, as the registry keeps it (the browser never sends one). */
export function laneKey(lab: LabQueue, laneId: string): string {
  const lane = lab.lanes.find((candidate) => candidate.id === laneId);
  if (!lane) throw new GatewayFailure({ code: 'invalid-input', message: `This lab queue has no lane ${laneId}.` });
  return lane.clientKey;
}

/** The most requests a lab queue may hold: its view reads every one, on every poll. */
export const MAX_LAB_QUEUE_REQUESTS = 1000;

export const tooBig = (count: number) =>
  new GatewayFailure({
    code: 'invalid-input',
    message: `This queue holds ${count} requests; the lab shows every request, so it takes queues of at most ${MAX_LAB_QUEUE_REQUESTS}.`,
  });
