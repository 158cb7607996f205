import { isPgliteTemplateCurrent, makePgliteTemplate, PGLITE_TEMPLATE_FILE } from './pglite-template';

/** Build step: makes dist/infra/db/pglite-template.tar.gz unless the one there was made by the installed PGlite. */
const run = async (): Promise<void> => {
  if (isPgliteTemplateCurrent(PGLITE_TEMPLATE_FILE)) return;
  const started = performance.now();
  await makePgliteTemplate(PGLITE_TEMPLATE_FILE);
  process.stdout.write(`made the embedded Postgres template ${PGLITE_TEMPLATE_FILE} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
};

run().catch((cause: unknown) => {
  process.stderr.write(`making the embedded Postgres template failed: ${cause instanceof Error ? cause.message : String(cause)}\n`);
  process.exit(1);
});
