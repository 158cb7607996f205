import { appendFileSync } from 'node:fs';
import type { Answer } from './answers';

/**
 * Appends one row of the fault table (the fault, the requests sent while it ran, the 5xx answers seen, the
 * acknowledged writes missing from Postgres) as a JSON line to FAULT_REPORT_FILE when it is set, for the release
 * notes; does nothing otherwise. The tests assert on the same numbers.
 */
export const recordFaultOutcome = (fault: string, answers: ReadonlyArray<Answer>, rowsLost: number): void => {
  const file = process.env['FAULT_REPORT_FILE'];
  if (file === undefined || file === '') return;
  const outcome = { fault, requests: answers.length, fiveHundreds: answers.filter((a) => a.status >= 500).length, rowsLost };
  appendFileSync(file, `${JSON.stringify(outcome)}\n`);
};
