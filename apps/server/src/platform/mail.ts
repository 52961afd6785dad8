import net from 'node:net';
import tls from 'node:tls';
import type { Config } from '../config.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends a plain-text mail over SMTP when SMTP_HOST is configured; returns false when no SMTP is configured or the
 * server refused it (the caller then shows the link on screen instead). Minimal client: EHLO, STARTTLS when offered, AUTH LOGIN.
 */
export async function sendMail(config: Config, mail: Mail): Promise<boolean> {
  const smtp = config.smtp;
  if (!smtp) return false;
  try {
    await smtpSend(smtp, mail);
    return true;
  } catch {
    return false;
  }
}

function smtpSend(smtp: NonNullable<Config['smtp']>, mail: Mail): Promise<void> {
  return new Promise((resolve, reject) => {
    let socket: net.Socket | tls.TLSSocket = net.connect(smtp.port, smtp.host);
    socket.setTimeout(10_000, () => socket.destroy(new Error('SMTP timeout')));
    let buffer = '';
    const queue: ((line: string) => void)[] = [];
    const onData = (d: Buffer) => {
      buffer += d.toString();
      let idx;
      while ((idx = buffer.search(/\r?\n/)) >= 0) {
        const line = buffer.slice(0, idx);
        buffer = buffer.slice(idx + (buffer[idx] === '\r' ? 2 : 1));
        if (/^\d{3}-/.test(line)) continue;
        queue.shift()?.(line);
      }
    };
    socket.on('data', onData);
    socket.on('error', reject);
    const expect = (code: string) =>
      new Promise<string>((res, rej) => queue.push((line) => (line.startsWith(code) ? res(line) : rej(new Error(`SMTP: ${line}`)))));
    const send = (line: string, code: string) => {
      const p = expect(code);
      socket.write(line + '\r\n');
      return p;
    };
    const body = [
      `From: ${smtp.from}`,
      `To: ${mail.to}`,
      `Subject: =?UTF-8?B?${Buffer.from(mail.subject).toString('base64')}?=`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(mail.text).toString('base64').replace(/.{76}/g, '$&\r\n'),
    ].join('\r\n');
    (async () => {
      await expect('220');
      const ehlo = await send('EHLO teilhabe', '250');
      if (/STARTTLS/i.test(ehlo) || smtp.port === 587) {
        try {
          await send('STARTTLS', '220');
          socket.removeListener('data', onData);
          socket = tls.connect({ socket: socket as net.Socket, servername: smtp.host });
          socket.on('data', onData);
          await send('EHLO teilhabe', '250');
        } catch {
          // server without STARTTLS: continue in plain text on a trusted network
        }
      }
      if (smtp.user && smtp.password) {
        await send('AUTH LOGIN', '334');
        await send(Buffer.from(smtp.user).toString('base64'), '334');
        await send(Buffer.from(smtp.password).toString('base64'), '235');
      }
      await send(`MAIL FROM:<${smtp.from}>`, '250');
      await send(`RCPT TO:<${mail.to}>`, '250');
      await send('DATA', '354');
      await send(`${body}\r\n.`, '250');
      socket.write('QUIT\r\n');
      socket.end();
      resolve();
    })().catch((e) => {
      socket.destroy();
      reject(e);
    });
  });
}
