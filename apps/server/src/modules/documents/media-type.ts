/**
 * The media type of an upload, decided by its content (magic bytes), never by the name or the client's header.
 * A DOCX is a ZIP whose central directory lists `word/document.xml`.
 */
export function detectMediaType(buf: Buffer): string | null {
  const starts = (sig: number[] | string, at = 0) => {
    const bytes = typeof sig === 'string' ? Buffer.from(sig, 'latin1') : Buffer.from(sig);
    return buf.length >= at + bytes.length && buf.subarray(at, at + bytes.length).equals(bytes);
  };
  if (starts('%PDF-')) return 'application/pdf';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts('GIF87a') || starts('GIF89a')) return 'image/gif';
  if (starts('RIFF') && starts('WEBP', 8)) return 'image/webp';
  if (starts([0x50, 0x4b, 0x03, 0x04]) && zipEntryNames(buf).includes('word/document.xml')) {
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  return null;
}

/** Names in a ZIP's central directory (empty when the archive is damaged). */
export function zipEntryNames(buf: Buffer): string[] {
  const EOCD = 0x06054b50;
  const CEN = 0x02014b50;
  // The end-of-central-directory record is 22 bytes plus a comment of up to 65535 bytes at the end of the file.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const entries = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < entries && n < 10_000; n++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== CEN) break;
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    if (offset + 46 + nameLength > buf.length) break;
    names.push(buf.subarray(offset + 46, offset + 46 + nameLength).toString('utf8'));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
