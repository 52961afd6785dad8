import type { MouseEvent } from 'react';
import type { PublicLang } from '@teilhabe/shared';

/** URL prefix of the directory per language: `/angebote` is German, Leichte Sprache has its own German word. */
export const PREFIX: Record<PublicLang, string> = {
  de: '/angebote',
  'de-LS': '/leichte-sprache/angebote',
  en: '/en/angebote',
  ar: '/ar/angebote',
  fa: '/fa/angebote',
  uk: '/uk/angebote',
  ru: '/ru/angebote',
  tr: '/tr/angebote',
};

export const LANG_ORDER: PublicLang[] = ['de', 'de-LS', 'en', 'ar', 'fa', 'uk', 'ru', 'tr'];
export const RTL: ReadonlySet<PublicLang> = new Set<PublicLang>(['ar', 'fa']);

/** The HTML `lang` of a page language (Leichte Sprache is German). */
export const htmlLang = (lang: PublicLang) => (lang === 'de-LS' ? 'de' : lang);

export interface PublicRoute {
  lang: PublicLang;
  /** The offer shown, or null for the list. */
  id: string | null;
}

export function parseRoute(pathname: string): PublicRoute {
  const path = pathname.replace(/\/+$/, '');
  for (const lang of LANG_ORDER) {
    const prefix = PREFIX[lang];
    if (path === prefix) return { lang, id: null };
    if (path.startsWith(`${prefix}/`)) {
      const id = path.slice(prefix.length + 1);
      return { lang, id: /^[0-9a-f-]{36}$/i.test(id) ? id : 'invalid' };
    }
  }
  return { lang: 'de', id: null };
}

export function listHref(lang: PublicLang, search = ''): string {
  return `${PREFIX[lang]}${search ? `?${search.replace(/^\?/, '')}` : ''}`;
}

export function detailHref(lang: PublicLang, id: string): string {
  return `${PREFIX[lang]}/${id}`;
}

/** In-page navigation without a reload; the app listens to popstate. */
export function navigate(href: string) {
  window.history.pushState(null, '', href);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** Lets plain links navigate in-page, keeping middle-click and modifier keys for new tabs. */
export function onLinkClick(event: MouseEvent<HTMLAnchorElement>) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const href = event.currentTarget.getAttribute('href');
  if (!href || !href.startsWith('/') || event.currentTarget.target === '_blank' || event.currentTarget.hasAttribute('download')) return;
  event.preventDefault();
  navigate(href);
}

/** The search of the last result list shown, so that "back to the overview" returns to the same results. */
export const lastList = { search: '' };
