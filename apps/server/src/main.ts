import { loadConfig, DEFAULT_DEMO_PASSWORD } from './config.js';
import { DataDirLockedError } from './platform/db/embedded.js';
import { demoLoginLines, startTeilhabe } from './platform/runtime.js';

const started = Date.now();
const config = loadConfig();

try {
  const running = await startTeilhabe(config, { logger: process.env.LOG_REQUESTS === 'true' ? {} : { level: 'warn' } });
  const where = config.databaseUrl ? 'PostgreSQL-Server aus DATABASE_URL' : `eingebettetes PostgreSQL in ${config.dataDir}`;
  const lines = [
    '',
    `Teilhabe läuft auf ${running.url}  (bereit nach ${((Date.now() - started) / 1000).toFixed(1)} s; Datenbank: ${where})`,
    `API-Dokumentation: ${running.url}/api/docs`,
  ];
  if (config.seedDemo) {
    lines.push('', running.seededNow ? 'Demo-Kreis angelegt (Rhein-Sieg-Kreis, 19 Kommunen). Demo-Zugänge:' : 'Demo-Zugänge:');
    lines.push(...demoLoginLines(config.demoPassword));
    if (config.demoPassword === DEFAULT_DEMO_PASSWORD) lines.push('  (eigenes Passwort mit DEMO_PASSWORD setzen)');
  }
  lines.push('', 'Beenden mit Strg+C.', '');
  process.stdout.write(lines.join('\n'));

  let signalledAt = 0;
  const shutdown = (signal: string) => {
    // Ctrl+C under `npm start` reaches us twice (from the terminal and forwarded by npm): only a later one forces.
    if (signalledAt && Date.now() - signalledAt < 3000) return;
    if (signalledAt) {
      process.stderr.write(`\n${signal} erneut: sofortiges Beenden.\n`);
      process.exit(1);
    }
    signalledAt = Date.now();
    process.stdout.write(`\n${signal}: Teilhabe wird beendet (laufende Anfragen werden abgeschlossen) …\n`);
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    running
      .stop()
      .then(() => process.exit(0))
      .catch((e: unknown) => {
        process.stderr.write(`Fehler beim Beenden: ${String(e)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (e) {
  if (e instanceof DataDirLockedError) {
    process.stderr.write(`\n${e.message}\n`);
    process.exit(1);
  }
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    process.stderr.write(
      `\nPort ${config.port} ist belegt. Bitte das andere Programm beenden oder PORT setzen.\nPort ${config.port} is in use. Stop the other program or set PORT.\n`,
    );
    process.exit(1);
  }
  process.stderr.write(`\nTeilhabe konnte nicht starten / could not start:\n${(e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
}
