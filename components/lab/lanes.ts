import type { LaneId } from '@/lib/lab/types';

// Each lane's colour, the same everywhere in the lab (lane card, timeline bars, head strip, calls);
// dark enough for white text on it (4.5:1 or more).

interface LaneLook {
  name: string;
  /** For SVG fills and inline styles. */
  colour: string;
}

export const LANE_LOOKS: Record<LaneId, LaneLook> = {
  A: { name: 'Client A', colour: '#2563eb' },
  B: { name: 'Client B', colour: '#b45309' },
  C: { name: 'Client C', colour: '#047857' },
  D: { name: 'Client D', colour: '#a21caf' },
};
