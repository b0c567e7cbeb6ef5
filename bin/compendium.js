#!/usr/bin/env node
// Entry point: registers tsx so the TypeScript sources run without a build step,
// then hands over to the CLI, which alone decides the exit code.
import { register } from 'tsx/esm/api';

register();
// `compendium validate | head`: a reader that stops early is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
