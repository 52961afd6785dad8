import { describe, expect, it } from 'vitest';
import { Email, IdParams, PageQuery, text } from './common.js';

const name = text({ min: 2, max: 10 });

describe('text()', () => {
  it('normalises to NFC and trims', () => {
    const nfd = 'Nguye\u0302\u0303n';
    expect(nfd).not.toBe(nfd.normalize('NFC'));
    expect(name.parse(nfd)).toBe('Nguyễn');
    expect(name.parse(nfd)).toBe(nfd.normalize('NFC'));
    expect(name.parse('  Ayşe  ')).toBe('Ayşe');
  });

  it('counts the length after normalisation and trimming', () => {
    // 10 NFC characters typed as 20 NFD code units still fit max 10.
    expect(name.parse('e\u0301'.repeat(10))).toBe('é'.repeat(10));
    expect(name.safeParse('é'.repeat(11)).success).toBe(false);
    expect(name.safeParse('  a  ').success).toBe(false);
  });

  it('refuses NUL bytes with a German message', () => {
    const result = name.safeParse('Ab\u0000c');
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('Darf kein Nullzeichen enthalten');
  });

  it('refuses lone surrogates, high or low, but accepts real surrogate pairs', () => {
    for (const bad of ['ab\uD800', '\uDC00ab', 'a\uD800b', 'a\uDBFF\uDBFFb']) {
      const result = name.safeParse(bad);
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(result.error!.issues[0]!.message).toBe('Enthält ungültige Unicode-Zeichen');
    }
    expect(name.parse('Fuchs 🦊')).toBe('Fuchs 🦊');
  });

  it('keeps right-to-left text, joiners and marks people really use', () => {
    const long = text({ max: 100 });
    for (const s of ['جمعية الجالية', 'Nguyễn\u200DFamily', 'a\u202Eb', 'Дмитрий']) expect(long.parse(s)).toBe(s.normalize('NFC'));
  });

  it('names its limits in German', () => {
    expect(name.safeParse('a').error!.issues[0]!.message).toBe('Mindestens 2 Zeichen');
    expect(name.safeParse('a'.repeat(11)).error!.issues[0]!.message).toBe('Höchstens 10 Zeichen');
    expect(text({ min: 1, max: 5 }).safeParse('   ').error!.issues[0]!.message).toBe('Pflichtfeld');
  });
});

describe('Email, IdParams, PageQuery', () => {
  it('lower-cases and trims e-mail addresses and refuses non-addresses', () => {
    expect(Email.parse('  Maria.Schmidt@Kreis.Example ')).toBe('maria.schmidt@kreis.example');
    for (const bad of ['maria', 'maria@', '@kreis.de', 'a b@kreis.de', 'a@kreis.de\u0000', `${'a'.repeat(250)}@x.de`]) {
      expect(Email.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('accepts only UUIDs as ids and no other params', () => {
    expect(IdParams.safeParse({ id: '7d4f3c1e-3b7a-4c55-9a59-5a1f0e1d2c3b' }).success).toBe(true);
    for (const id of ['1', '../x', '7d4f3c1e-3b7a-4c55-9a59-5a1f0e1d2c3', "' OR 1=1"])
      expect(IdParams.safeParse({ id }).success, id).toBe(false);
    expect(IdParams.safeParse({ id: '7d4f3c1e-3b7a-4c55-9a59-5a1f0e1d2c3b', extra: 1 }).success).toBe(false);
  });

  it('bounds page size and offset (B-31)', () => {
    expect(PageQuery.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(PageQuery.parse({ limit: '200', offset: '10' })).toEqual({ limit: 200, offset: 10 });
    for (const q of [
      { limit: '100000' },
      { limit: '0' },
      { offset: '-1' },
      { limit: '1e309' },
      { limit: '2.5' },
      { limit: ['1', '2'] },
      { sort: 'x' },
    ]) {
      expect(PageQuery.safeParse(q).success, JSON.stringify(q)).toBe(false);
    }
  });
});
