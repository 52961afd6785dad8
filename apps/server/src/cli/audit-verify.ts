import pg from 'pg';
import { loadConfig } from '../config.js';
import { verifyAuditChain } from '../platform/audit/verify.js';
import { auditHead } from '../platform/backup/backup.js';
import { openCluster } from '../platform/backup/cluster.js';
import { maskUrl } from '../platform/backup/operator.js';
import { runCli, say, wantsHelp } from './run.js';

const HELP = `npm run audit:verify

Prüft die Hash-Kette des Audit-Protokolls (audit_events): jede Zeile gegen ihren Hash und gegen ihre Vorgängerin.
Datenbank wie die Anwendung: DATABASE_URL, sonst das eingebettete PostgreSQL im Datenordner (TEILHABE_DATA_DIR,
Standard ./data) – auch während Teilhabe läuft.
Exit-Code: 0 = Kette in Ordnung, 1 = Kette unterbrochen (erste betroffene Zeile wird genannt), 2 = Prüfung nicht möglich.

Verifies the hash chain of the audit log (audit_events): every row against its hash and its predecessor.
Database as the app opens it: DATABASE_URL, else the embedded PostgreSQL in the data folder (TEILHABE_DATA_DIR,
default ./data) – also while Teilhabe is running.
Exit code: 0 = chain ok, 1 = chain broken (the first broken row is named), 2 = could not verify.`;

runCli(
  async (args) => {
    if (wantsHelp(args)) {
      say(HELP);
      return 0;
    }
    const cluster = await openCluster(loadConfig());
    try {
      const where =
        cluster.kind === 'server'
          ? `DATABASE_URL (${maskUrl(cluster.url())})`
          : `${cluster.dataDir}${cluster.kind === 'app-running' ? ' (Teilhabe läuft / is running)' : ''}`;
      const client = new pg.Client({ connectionString: cluster.url(), application_name: 'teilhabe-audit-verify' });
      await client.connect();
      try {
        const report = await verifyAuditChain(client);
        if (report.ok) {
          const head = await auditHead(client);
          const tail = head ? `seq ${head.seq}, Hash/hash ${head.hash}` : '–';
          say(`Audit-Kette in Ordnung: ${report.checked} Ereignisse geprüft, letztes: ${tail}. Datenbank: ${where}`);
          say(`Audit chain ok: ${report.checked} events checked, last: ${tail}. Database: ${where}`);
          return 0;
        }
        const b = report.firstBroken!;
        say(
          `Audit-Kette UNTERBROCHEN: erste betroffene Zeile seq ${b.seq}, id ${b.id}: ${b.reason}. (${report.checked} Ereignisse, Datenbank: ${where})`,
        );
        say(`Audit chain BROKEN: first broken row seq ${b.seq}, id ${b.id}: ${b.reason}. (${report.checked} events, database: ${where})`);
        return 1;
      } finally {
        await client.end();
      }
    } finally {
      await cluster.close();
    }
  },
  { unexpectedExit: 2 },
);
