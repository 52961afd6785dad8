import { describe, expect, it } from 'vitest';
import { groupSecret, sanitizeSvg } from './svg';

describe('sanitizeSvg', () => {
  it('keeps the drawing and drops scripts, handlers and links', () => {
    const markup =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script>' +
      '<a href="javascript:alert(3)"><path d="M0 0h10v10H0z"/></a><path d="M1 1h2v2H1z" fill="#000"/></svg>';
    const clean = sanitizeSvg(markup) ?? '';
    expect(clean).toContain('<path d="M1 1h2v2H1z"');
    expect(clean).not.toMatch(/script|onload|javascript/);
    expect(clean).toContain('aria-hidden="true"');
  });

  it('refuses markup that is not SVG', () => {
    expect(sanitizeSvg('<html><body>nein</body></html>')).toBeNull();
  });
});

describe('groupSecret', () => {
  it('groups the base32 secret in blocks of four', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPAB')).toBe('JBSW Y3DP EHPK 3PXP AB');
  });
});
