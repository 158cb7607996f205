import { isPgliteTemplateCurrent, makePgliteTemplate, PGLITE_TEMPLATE_DIR } from './pglite-template';

/** Build step: makes dist/infra/db/pglite-template unless the one there is current (same PGlite, same migrations). */
const run = async (): Promise<void> => {
  if (isPgliteTemplateCurrent(PGLITE_TEMPLATE_DIR)) return;
  const started = performance.now();
  await makePgliteTemplate(PGLITE_TEMPLATE_DIR);
  process.stdout.write(`made the embedded Postgres template ${PGLITE_TEMPLATE_DIR} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
};

run().catch((cause: unknown) => {
  process.stderr.write(`making the embedded Postgres template failed: ${cause instanceof Error ? cause.message : String(cause)}\n`);
  process.exit(1);
});
