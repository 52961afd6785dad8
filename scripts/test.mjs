// `npm test`: every unit, integration and web test, then the browser journeys when a Chromium is there
// (E2E=required makes a missing browser a failure, E2E=skip skips them). Ends with one summary line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const e2eMode = process.env.E2E ?? 'auto';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'teilhabe-test-report-'));
let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;

function vitest(args, report) {
  const file = path.join(out, report);
  const r = spawnSync('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
  if (fs.existsSync(file)) {
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed += json.numPassedTests ?? 0;
    failed += json.numFailedTests ?? 0;
    skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  }
  if (r.status !== 0) exitCode = 1;
}

vitest(['--project', 'unit', '--project', 'integration', ...(fs.existsSync(path.join(root, 'apps/web/vitest.config.ts')) ? ['--project', 'web'] : [])], 'main.json');

if (e2eMode !== 'skip') {
  if (fs.existsSync(chromium)) {
    vitest(['--config', 'e2e/vitest.config.ts'], 'e2e.json');
  } else if (e2eMode === 'required') {
    process.stderr.write(`E2E=required, aber kein Chromium unter ${chromium} gefunden / no Chromium found.\n`);
    exitCode = 1;
  } else {
    process.stdout.write(`Browser-Journeys übersprungen: kein Chromium unter ${chromium} (apt-get install chromium).\n`);
  }
}

fs.rmSync(out, { recursive: true, force: true });
process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(exitCode || (failed > 0 ? 1 : 0));
