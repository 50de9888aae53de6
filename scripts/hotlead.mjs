// The README's commands. Only Node.js and npm are needed: pnpm comes through npx, dependencies are
// installed on first use, the SPAs are built when their sources changed.
//
//   node scripts/hotlead.mjs start [--reset]   install, migrate, seed, serve API + SPAs on one port
//   node scripts/hotlead.mjs test              typecheck, lint, codegen check, unit + integration, e2e
//   node scripts/hotlead.mjs e2e               only the end-to-end tests
//   node scripts/hotlead.mjs bench             the benchmarks (figures and same-run baselines)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildWeb } from './build-web.mjs';
import { ensureChromium } from './chromium.mjs';
import { ensureDependencies, heading, pnpm, root, run } from './lib.mjs';

const [command = 'start', ...args] = process.argv.slice(2);

function runServer(entry, entryArgs, env = {}) {
  // tsx from the server package, so its tsconfig (decorators) applies.
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...entryArgs], {
    cwd: path.join(root, 'server'),
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('close', (code) => process.exit(code ?? 0));
}

/** Sums passed/failed/skipped from vitest's JSON report. */
function vitestCounts(file) {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

/** Chromium, fresh SPA builds, then the e2e project (which starts its own server). */
async function e2e(jsonReport) {
  const chromium = await ensureChromium();
  if (chromium !== 0) return chromium;
  const built = await buildWeb();
  if (built !== 0) return built;
  const reporters = jsonReport ? ['--reporter=default', '--reporter=json', `--outputFile.json=${jsonReport}`] : [];
  return pnpm(['exec', 'vitest', 'run', '--project', 'e2e', ...reporters]);
}

async function test() {
  await ensureDependencies();
  const tmp = path.join(root, '.tmp');
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const steps = [];
  const step = async (name, fn) => {
    heading(name);
    const started = Date.now();
    const code = await fn();
    steps.push({ name, ok: code === 0, seconds: Math.round((Date.now() - started) / 1000) });
    return code;
  };

  await step('typecheck', () => pnpm(['run', 'typecheck']));
  await step('lint and formatting', async () => (await pnpm(['run', 'lint'])) || pnpm(['run', 'format:check']));
  await step('codegen check (schema.graphql and generated operations are current)', () => pnpm(['run', 'codegen:check']));
  await step('unit and integration tests (vitest: domain, API client, server on PostgreSQL, SPAs)', () =>
    pnpm([
      'exec',
      'vitest',
      'run',
      '--project',
      'domain',
      '--project',
      'graphql-client',
      '--project',
      'server',
      '--project',
      'web-*',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${path.join(tmp, 'unit.json')}`,
    ]),
  );
  await step('end-to-end tests (built SPAs, running server, headless Chromium)', () => e2e(path.join(tmp, 'e2e.json')));

  heading('summary');
  for (const s of steps) console.log(`  ${s.ok ? '✔' : '✘'} ${s.name} (${s.seconds}s)`);
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const file of ['unit.json', 'e2e.json']) {
    const counts = vitestCounts(path.join(tmp, file));
    if (!counts) continue;
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
  }
  const failedSteps = steps.filter((s) => !s.ok).length;
  // A failed step that is not a test (typecheck, lint, codegen) counts as one failure.
  const nonTestFailures = steps.filter((s) => !s.ok && !s.name.includes('tests')).length;
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed + nonTestFailures} failed, ${totals.skipped} skipped`);
  // The reports are the last word: a failed test fails the run even if a runner's exit code said otherwise
  // (seen once: vitest exited 0 with a failed server test).
  return failedSteps === 0 && totals.failed === 0 ? 0 : 1;
}

switch (command) {
  case 'start': {
    await ensureDependencies();
    const built = await buildWeb();
    if (built !== 0) process.exit(built);
    runServer('src/main.ts', args);
    break;
  }
  case 'test':
    process.exit(await test());
    break;
  case 'e2e':
    await ensureDependencies();
    process.exit(await e2e());
    break;
  case 'bench':
    await ensureDependencies();
    process.exit(await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], { cwd: path.join(root, 'server') }));
    break;
  default:
    console.error(`unknown command "${command}": start | test | bench`);
    process.exit(2);
}
