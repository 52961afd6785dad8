import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { PublicLang } from '@teilhabe/shared';
import { MESSAGES, type PublicMessages } from './messages';
import { OfferDetailPage } from './OfferDetailPage';
import { OfferListPage } from './OfferListPage';
import { detailHref, htmlLang, LANG_ORDER, lastList, listHref, onLinkClick, parseRoute, RTL } from './routing';

function useLocation() {
  const [location, setLocation] = useState(() => ({ pathname: window.location.pathname, search: window.location.search }));
  useEffect(() => {
    const update = () => setLocation({ pathname: window.location.pathname, search: window.location.search });
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return location;
}

/** The public offer directory: no login, no staff code, eight languages, right-to-left for Arabic and Farsi. */
export function PublicApp() {
  const location = useLocation();
  const route = parseRoute(location.pathname);
  const m = MESSAGES[route.lang];

  useEffect(() => {
    document.documentElement.lang = htmlLang(route.lang);
    document.documentElement.dir = RTL.has(route.lang) ? 'rtl' : 'ltr';
  }, [route.lang]);

  return (
    <Layout lang={route.lang} m={m} otherLanguageHref={(l) => (route.id && route.id !== 'invalid' ? detailHref(l, route.id) : listHref(l, location.search))}>
      {route.id ? (
        <OfferDetailPage key={`${route.lang}-${route.id}`} lang={route.lang} id={route.id} m={m} backSearch={lastList.search} />
      ) : (
        <OfferListPage lang={route.lang} m={m} search={location.search} />
      )}
    </Layout>
  );
}

function Layout({ lang, m, children, otherLanguageHref }: { lang: PublicLang; m: PublicMessages; children: ReactNode; otherLanguageHref: (l: PublicLang) => string }) {
  const mainRef = useRef<HTMLElement>(null);
  return (
    <div className="pub">
      <a className="pub-skip" href="#inhalt">
        {m.skipLink}
      </a>
      <header className="pub-header">
        <div className="pub-wrap pub-header-inner">
          <a className="pub-brand" href={listHref(lang)} onClick={onLinkClick}>
            {m.siteTitle}
          </a>
          <nav aria-label={m.languageNav} className="pub-langs no-print">
            <ul>
              {LANG_ORDER.map((l) => (
                <li key={l}>
                  <a
                    href={otherLanguageHref(l)}
                    lang={htmlLang(l)}
                    hrefLang={htmlLang(l)}
                    dir={RTL.has(l) ? 'rtl' : 'ltr'}
                    aria-current={l === lang ? 'true' : undefined}
                    onClick={onLinkClick}
                  >
                    {MESSAGES[l].langName}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="inhalt" ref={mainRef} tabIndex={-1} className="pub-wrap pub-main">
        {children}
      </main>
      <footer className="pub-footer">
        <div className="pub-wrap">
          <p className="pub-pre">{m.footer}</p>
          <p>{m.disclaimer}</p>
          <p className="no-print">
            {m.openData}:{' '}
            <a href="/api/v1/public/open-data/angebote.json" lang="de">
              JSON
            </a>{' '}
            ·{' '}
            <a href="/api/v1/public/open-data/angebote.csv" lang="de" download>
              CSV
            </a>{' '}
            · <a href="/anmelden">{m.staffLogin}</a>
          </p>
        </div>
      </footer>
    </div>
  );
}
