import type { LabLane, LaneId } from '@/lib/lab/types';

// Each lane's colour, the same everywhere in the lab (lane card, timeline bars, head strip, calls).

interface LaneLook {
  name: string;
  /** For SVG fills and inline styles. */
  colour: string;
  /** A light tint of the colour, for backgrounds. */
  tint: string;
}

export const LANE_LOOKS: Record<LaneId, LaneLook> = {
  A: { name: 'Client A', colour: '#2563eb', tint: 'rgba(37, 99, 235, 0.12)' },
  B: { name: 'Client B', colour: '#d97706', tint: 'rgba(217, 119, 6, 0.14)' },
  C: { name: 'Client C', colour: '#059669', tint: 'rgba(5, 150, 105, 0.13)' },
  D: { name: 'Client D', colour: '#c026d3', tint: 'rgba(192, 38, 211, 0.12)' },
};

/** The lane whose clientKey this is, if any. */
export const laneOfKey = (lanes: readonly LabLane[], clientKey: string | null) =>
  lanes.find((lane) => lane.clientKey === clientKey)?.id ?? null;
