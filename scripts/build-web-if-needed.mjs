// Builds the web app when apps/web/dist is missing or older than its sources, so `npm start` always serves the
// current UI and a warm start skips the build.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'apps/web');
const index = path.join(web, 'dist/index.html');

function newest(dir) {
  let max = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return max;
}

const sources = Math.max(newest(path.join(web, 'src')), newest(path.join(root, 'packages/shared/src')), fs.statSync(path.join(web, 'index.html')).mtimeMs);
if (!fs.existsSync(index) || fs.statSync(index).mtimeMs < sources) {
  process.stdout.write('Web-Oberfläche wird gebaut … / building the web app …\n');
  // Always a production bundle: run from inside vitest (the e2e set-up) NODE_ENV is "test", and Vite would then build
  // React's development bundle – which `npm start` would go on serving, since dist/ is newer than the sources.
  execSync('npx vite build --logLevel warn', { cwd: web, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
