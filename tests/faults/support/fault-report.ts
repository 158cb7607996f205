import { appendFileSync } from 'node:fs';

/** One row of the fault table: the fault, the requests sent while it ran, the 5xx answers seen, the committed rows lost. */
export interface FaultOutcome {
  readonly fault: string;
  readonly requests: number;
  readonly fiveHundreds: number;
  readonly rowsLost: number;
}

/**
 * Appends the outcome as a JSON line to FAULT_REPORT_FILE when it is set (for the release notes' fault table);
 * does nothing otherwise. The tests assert on the same numbers.
 */
export const recordFaultOutcome = (outcome: FaultOutcome): void => {
  const file = process.env['FAULT_REPORT_FILE'];
  if (file !== undefined && file !== '') appendFileSync(file, `${JSON.stringify(outcome)}\n`);
};
