import { spawn, execSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

const root = path.resolve(import.meta.dirname, '..');
export const E2E_PASSWORD = 'E2E-Demo-Passwort-2026';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Builds the web app and starts Teilhabe exactly like `npm start`, on its own data folder and port. */
export default async function setup(project: TestProject) {
  execSync('node scripts/build-web-if-needed.mjs', { cwd: root, stdio: 'inherit' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'teilhabe-e2e-'));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    // TRUST_PROXY lets the throttling journey come from its own client address (X-Forwarded-For), so the lock it
    // provokes does not block the other journeys' logins from 127.0.0.1.
    env: { ...process.env, PORT: String(port), TEILHABE_DATA_DIR: dataDir, DEMO_PASSWORD: E2E_PASSWORD, HOST: '127.0.0.1', TRUST_PROXY: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const r = await fetch(`${baseURL}/readyz`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`Teilhabe did not start for the journeys:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  project.provide('baseURL', baseURL);
  project.provide('dataDir', dataDir);
  project.provide('demoPassword', E2E_PASSWORD);

  return async () => {
    child.kill('SIGTERM');
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
        resolve();
      }, 20_000);
      child.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    dataDir: string;
    demoPassword: string;
  }
}
