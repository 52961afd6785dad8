import pg from 'pg';
import { loadConfig } from '../config.js';
import { openCluster } from '../platform/backup/cluster.js';
import { OperatorError } from '../platform/backup/operator.js';
import { DEMO_DOMAIN } from '../seed/demo.js';
import { positional, runCli, say, wantsHelp } from './run.js';
import { acceptableTotp, demoAddress, totpStepAt } from './totp-code.js';

const HELP = `npm run demo:totp -- ROLLE|E-MAIL      z. B. / e.g.  npm run demo:totp -- admin

Nur für Vorführungen: zeigt den aktuellen TOTP-Code eines Demo-Zugangs (@${DEMO_DOMAIN}), dessen Zwei-Faktor-Anmeldung
eingerichtet ist – so braucht die Vorführung kein Telefon. Liest das Geheimnis aus der Datenbank dieser Installation
(DATABASE_URL oder der Datenordner), auch während Teilhabe läuft. Andere Adressen werden abgelehnt.

For demos only: prints the current TOTP code of a demo account (@${DEMO_DOMAIN}) whose two-factor sign-in is set up,
so a demo needs no phone. Reads the secret from this installation's database (DATABASE_URL or the data folder), also
while Teilhabe is running. Other addresses are refused.`;

runCli(async (args) => {
  const arg = positional(args)[0];
  if (wantsHelp(args) || !arg) {
    say(HELP);
    return arg ? 0 : 3;
  }
  const email = demoAddress(arg);
  const cluster = await openCluster(loadConfig());
  try {
    const client = new pg.Client({ connectionString: cluster.url(), application_name: 'teilhabe-demo-totp' });
    await client.connect();
    const { rows } = await client
      .query<{ totp_secret: string | null; totp_enabled: boolean; totp_last_step: string | null }>(
        'SELECT totp_secret, totp_enabled, totp_last_step::text FROM users WHERE lower(email) = $1',
        [email],
      )
      .finally(() => client.end());
    const user = rows[0];
    if (!user) throw new OperatorError(`Den Zugang ${email} gibt es nicht.\nThere is no account ${email}.`, 1);
    if (!user.totp_secret) {
      throw new OperatorError(
        `${email} hat noch keine Zwei-Faktor-Anmeldung: zuerst anmelden und die Einrichtung starten.\n${email} has no two-factor sign-in yet: sign in and start the setup first.`,
        1,
      );
    }
    let result = acceptableTotp(user.totp_secret, user.totp_last_step === null ? null : Number(user.totp_last_step));
    if ('waitMs' in result) {
      await new Promise((r) => setTimeout(r, (result as { waitMs: number }).waitMs + 50));
      result = acceptableTotp(user.totp_secret, Number(user.totp_last_step));
    }
    if ('waitMs' in result) throw new OperatorError('Kein gültiger Code verfügbar.\nNo valid code available.', 1);
    const seconds = Math.max(0, Math.floor((result.validUntil - Date.now()) / 1000));
    const next = result.step > totpStepAt(Date.now());
    const state = user.totp_enabled ? '' : ' (Einrichtung noch nicht bestätigt / setup not confirmed yet)';
    say(
      `TOTP-Code für ${email}${state}: ${result.code}  – gültig noch ${seconds} s${next ? ' (der aktuelle wurde schon verwendet; dies ist der nächste)' : ''}`,
    );
    say(
      `TOTP code for ${email}${state}: ${result.code}  – valid for ${seconds} s${next ? ' (the current one was already used; this is the next)' : ''}`,
    );
    say(result.code);
    return 0;
  } finally {
    await cluster.close();
  }
});
