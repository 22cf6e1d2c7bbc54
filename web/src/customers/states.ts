import type { CustomerState } from '../api/types';

/** Status colours of the console (antd Tag presets), the same on every page. */
export const STATE_COLOURS: Record<CustomerState, string> = {
  potential: 'blue',
  active: 'green',
  suspended: 'orange',
  churned: 'default',
};

export const GRADE_COLOURS: Record<string, string> = { A: 'gold', B: 'green', C: 'blue', D: 'default' };

/** Fen to yuan, the unit users read. */
export function yuan(fen: number): number {
  return fen / 100;
}
