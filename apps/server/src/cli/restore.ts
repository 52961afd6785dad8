import { loadConfig } from '../config.js';
import { openCluster } from '../platform/backup/cluster.js';
import { maskUrl, OperatorError } from '../platform/backup/operator.js';
import { restoreDatabase } from '../platform/backup/restore.js';
import { positional, runCli, say, wantsHelp } from './run.js';

const HELP = `npm run restore DATEI

Stellt eine Sicherung (npm run backup, pg_dump --format=custom) in eine NEUE Datenbank teilhabe_restore_<Zeit> wieder
her, in einer einzigen Transaktion (alles oder nichts), und prüft danach die Audit-Kette (und, falls <DATEI>.json
daneben liegt, Prüfsumme und letztes Audit-Ereignis). Schlägt etwas fehl, wird die neue Datenbank wieder gelöscht;
die laufende Datenbank bleibt unverändert.
- Eingebettetes PostgreSQL (ohne DATABASE_URL; Datenordner TEILHABE_DATA_DIR, Standard ./data): Teilhabe muss
  beendet sein. Nach erfolgreicher Prüfung wird die bisherige Datenbank teilhabe in teilhabe_before_restore_<Zeit>
  umbenannt (sie bleibt erhalten) und die wiederhergestellte in teilhabe. Danach Teilhabe wieder starten.
- PostgreSQL-Server (DATABASE_URL): es wird nichts umbenannt. Die Sicherung landet in <Datenbank>_restore_<Zeit>
  auf demselben Server; ausgegeben wird die DATABASE_URL, auf die die Anwendung umgestellt werden kann. Die
  Rolle braucht das Recht CREATEDB.
pg_restore: Umgebungsvariable PG_RESTORE, sonst pg_restore im PATH (Debian/Ubuntu: apt-get install postgresql-client).
Exit-Code: 0 = wiederhergestellt, 1 = fehlgeschlagen (nichts geändert), 2 = pg_restore fehlt, 3 = Teilhabe läuft / Aufruf falsch.

Restores a backup (npm run backup, pg_dump --format=custom) into a NEW database teilhabe_restore_<time> in a single
transaction (all or nothing) and then verifies the audit chain (and, when <FILE>.json lies beside it, the checksum
and the last audit event). If anything fails, the new database is dropped again; the live database is unchanged.
- Embedded PostgreSQL (no DATABASE_URL; data folder TEILHABE_DATA_DIR, default ./data): Teilhabe must be stopped.
  After the checks the current database teilhabe is renamed to teilhabe_before_restore_<time> (it is kept) and the
  restored one becomes teilhabe. Then start Teilhabe again.
- PostgreSQL server (DATABASE_URL): nothing is renamed. The backup goes into <database>_restore_<time> on the same
  server, and the DATABASE_URL to switch the application to is printed. The role needs the CREATEDB privilege.
pg_restore: environment variable PG_RESTORE, else pg_restore on PATH (Debian/Ubuntu: apt-get install postgresql-client).
Exit code: 0 = restored, 1 = failed (nothing changed), 2 = pg_restore missing, 3 = Teilhabe is running / wrong usage.`;

runCli(async (args) => {
  if (wantsHelp(args)) {
    say(HELP);
    return 0;
  }
  const file = positional(args)[0];
  if (!file) {
    throw new OperatorError(
      'Bitte die Sicherungsdatei angeben: npm run restore DATEI  (Hilfe: npm run restore -- --help)\nPlease name the backup file: npm run restore FILE  (help: npm run restore -- --help)',
      3,
    );
  }
  const config = loadConfig();
  // The embedded cluster is restored only while the app is stopped: its database is renamed underneath it.
  const cluster = await openCluster(config, { exclusive: true, allowCreate: true });
  try {
    const swap = cluster.kind !== 'server';
    say(`Wiederherstellung von ${file} … / Restoring ${file} …`);
    const result = await restoreDatabase({
      file,
      urlFor: (db) => cluster.url(db),
      maintenanceDatabase: cluster.maintenanceDatabase,
      liveDatabase: cluster.database,
      swap,
      log: say,
    });
    const head = result.auditHead ? `seq ${result.auditHead.seq}, Hash/hash ${result.auditHead.hash}` : '–';
    const manifestDe =
      result.manifest === 'matched'
        ? 'Prüfsumme und letztes Audit-Ereignis stimmen mit der .json überein'
        : 'keine .json-Begleitdatei gefunden';
    const manifestEn = result.manifest === 'matched' ? 'checksum and last audit event match the .json' : 'no .json manifest found';
    say('');
    say(
      `Wiederhergestellt: ${result.tables} Tabellen, ${result.auditEvents} Audit-Ereignisse, Audit-Kette in Ordnung (letztes: ${head}); ${manifestDe}.`,
    );
    say(`Restored: ${result.tables} tables, ${result.auditEvents} audit events, audit chain ok (last: ${head}); ${manifestEn}.`);
    if (swap) {
      say(`Die Datenbank ${result.database} enthält jetzt die Sicherung. / The database ${result.database} now holds the backup.`);
      if (result.previousDatabase) {
        say(`Die bisherige Datenbank bleibt erhalten als / the previous database is kept as: ${result.previousDatabase}`);
        say(`(Löschen, wenn nicht mehr gebraucht / drop it when no longer needed: DROP DATABASE ${result.previousDatabase};)`);
      }
      say('Teilhabe jetzt wieder starten (npm start). / Now start Teilhabe again (npm start).');
    } else {
      say(`Die Sicherung liegt in der neuen Datenbank ${result.database}; die bisherige ist unverändert.`);
      say(`The backup is in the new database ${result.database}; the current one is unchanged.`);
      say('Zum Umstellen die Anwendung mit dieser DATABASE_URL neu starten (Passwort wie bisher):');
      say('To switch over, restart the application with this DATABASE_URL (same password as before):');
      say(`  DATABASE_URL=${maskUrl(cluster.url(result.database))}`);
    }
    return 0;
  } finally {
    await cluster.close();
  }
});
