import { loadConfig } from '../config.js';
import { backupDatabase, resolveBackupPath } from '../platform/backup/backup.js';
import { openCluster } from '../platform/backup/cluster.js';
import { formatBytes, maskUrl } from '../platform/backup/operator.js';
import { option, positional, runCli, say, wantsHelp } from './run.js';

const HELP = `npm run backup [-- DATEI | --out DATEI|ORDNER]

Sichert die Datenbank mit pg_dump --format=custom nach <Datenordner>/backups/teilhabe-JJJJMMTT-HHMMSS.dump
(oder in die angegebene Datei bzw. den Ordner) und legt daneben <Datei>.json mit Größe, SHA-256, Tabellenzahl und
dem letzten Audit-Ereignis ab. Funktioniert auch, während Teilhabe läuft (konsistenter Schnappschuss).
Datenbank: DATABASE_URL, sonst das eingebettete PostgreSQL in TEILHABE_DATA_DIR (Standard ./data).
pg_dump: Umgebungsvariable PG_DUMP, sonst pg_dump im PATH (Version mindestens die des Servers);
Debian/Ubuntu: sudo apt-get install postgresql-client
Exit-Code: 0 = gesichert und geprüft, 1 = Sicherung fehlgeschlagen, 2 = pg_dump fehlt oder ist zu alt.

Backs up the database with pg_dump --format=custom to <data folder>/backups/teilhabe-YYYYMMDD-HHMMSS.dump
(or the given file or folder) and writes <file>.json beside it with size, SHA-256, table count and the last audit
event. Works while Teilhabe is running (consistent snapshot).
Database: DATABASE_URL, else the embedded PostgreSQL in TEILHABE_DATA_DIR (default ./data).
pg_dump: environment variable PG_DUMP, else pg_dump on PATH (at least the server's version);
Debian/Ubuntu: sudo apt-get install postgresql-client
Exit code: 0 = backed up and verified, 1 = backup failed, 2 = pg_dump missing or too old.`;

runCli(async (args) => {
  if (wantsHelp(args)) {
    say(HELP);
    return 0;
  }
  const config = loadConfig();
  const outFile = resolveBackupPath(config.dataDir, option(args, 'out') ?? positional(args, ['out'])[0], new Date());
  const cluster = await openCluster(config);
  try {
    const source = cluster.kind === 'server' ? maskUrl(cluster.url()) : `${cluster.dataDir} (${cluster.database})`;
    say(`Sicherung von ${source} … / Backing up ${source} …`);
    const result = await backupDatabase({ databaseUrl: cluster.url(), outFile, log: say });
    const head = result.auditHead ? `seq ${result.auditHead.seq}, Hash/hash ${result.auditHead.hash}` : '–';
    say('');
    say(`Sicherung geschrieben und mit pg_restore --list geprüft / Backup written and checked with pg_restore --list:`);
    say(`  Datei / file:                 ${result.path}`);
    say(`  Größe / size:                 ${formatBytes(result.bytes)} (${result.bytes} Bytes)`);
    say(`  Tabellen / tables:            ${result.tables}`);
    say(`  Audit-Ereignisse / events:    ${result.auditEvents}`);
    say(`  Letztes Audit-Ereignis / last audit event: ${head}`);
    say(`  SHA-256:                      ${result.sha256}`);
    say(`  Begleitdatei / manifest:      ${result.manifestPath}`);
    say('');
    say('Die Sicherung enthält personenbezogene Daten: verschlüsselt und getrennt vom Server aufbewahren (Datei und .json).');
    say('The backup contains personal data: keep it encrypted and away from the server (the file and its .json).');
    return 0;
  } finally {
    await cluster.close();
  }
});
