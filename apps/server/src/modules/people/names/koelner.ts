/**
 * Kölner Phonetik (Postel 1969): a phonetic code for German-language names, e.g. Meier/Mayer/Maier → "67".
 * Input is any Latin text; umlauts count as vowels and ß as S; everything that is not a letter is skipped.
 */
export function koelnerPhonetik(input: string): string {
  const letters = input
    .normalize('NFC')
    .toUpperCase()
    .replace(/Ä/g, 'A')
    .replace(/Ö/g, 'O')
    .replace(/Ü/g, 'U')
    .replace(/ß/g, 'S')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Z]/g, '');
  const codes: string[] = [];
  for (let i = 0; i < letters.length; i++) {
    const c = letters[i]!;
    const prev = i > 0 ? letters[i - 1]! : '';
    const next = letters[i + 1] ?? '';
    for (const digit of codeOf(c, prev, next, i === 0)) codes.push(digit);
  }
  let collapsed = '';
  let last = '';
  for (const code of codes) {
    if (code === '-') continue;
    if (code !== last) collapsed += code;
    last = code;
  }
  // Vowel codes are dropped except at the very beginning.
  return collapsed.charAt(0) + collapsed.slice(1).replace(/0/g, '');
}

function codeOf(c: string, prev: string, next: string, initial: boolean): string {
  switch (c) {
    case 'A':
    case 'E':
    case 'I':
    case 'J':
    case 'O':
    case 'U':
    case 'Y':
      return '0';
    case 'H':
      return '-';
    case 'B':
      return '1';
    case 'P':
      return next === 'H' ? '3' : '1';
    case 'D':
    case 'T':
      return 'CSZ'.includes(next) && next !== '' ? '8' : '2';
    case 'F':
    case 'V':
    case 'W':
      return '3';
    case 'G':
    case 'K':
    case 'Q':
      return '4';
    case 'C':
      if (initial) return 'AHKLOQRUX'.includes(next) && next !== '' ? '4' : '8';
      if ('SZ'.includes(prev) && prev !== '') return '8';
      return 'AHKOQUX'.includes(next) && next !== '' ? '4' : '8';
    case 'X':
      return 'CKQ'.includes(prev) && prev !== '' ? '8' : '48';
    case 'L':
      return '5';
    case 'M':
    case 'N':
      return '6';
    case 'R':
      return '7';
    case 'S':
    case 'Z':
      return '8';
    default:
      return '-';
  }
}
