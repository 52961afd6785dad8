import { loadConfig } from '../config.js';
import { openCluster } from '../platform/backup/cluster.js';
import { connect } from '../platform/db/client.js';
import { rekeyPersons } from '../modules/people/rekey.js';
import { runCli, say, wantsHelp } from './run.js';

const HELP = `npm run people:rekey

Berechnet die Suchschlüssel aller Personen neu (Umschriften, Laut- und Paarschlüssel) und schreibt nur abweichende
Zeilen – nach einem Update, das die Schlüsselbildung ändert, damit auch früher gespeicherte Personen über den
schnellen ersten Suchschritt gefunden werden. Namen selbst bleiben unverändert; ein Audit-Ereignis mit den Zahlen.
Datenbank wie die Anwendung: DATABASE_URL, sonst das eingebettete PostgreSQL im Datenordner (auch während Teilhabe läuft).

Recomputes the search keys of all persons (readings, sound and pair keys) and writes only rows that differ – after an
update that changes how keys are derived. Names are not changed; one audit event with the counts.`;

runCli(async (args) => {
  if (wantsHelp(args)) {
    say(HELP);
    return 0;
  }
  const cluster = await openCluster(loadConfig());
  try {
    const database = connect(cluster.url(), { max: 2 });
    try {
      const { checked, updated } = await rekeyPersons(database);
      say(`Suchschlüssel geprüft: ${checked} Personen, neu geschrieben: ${updated}.`);
      say(`Search keys checked: ${checked} persons, rewritten: ${updated}.`);
      return 0;
    } finally {
      await database.close();
    }
  } finally {
    await cluster.close();
  }
});
