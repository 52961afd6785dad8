import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { GemeindeFeatureCollection, Handlungsfeld, PublicLang, PublicOfferPage, TargetGroup } from '@teilhabe/shared';
import { fetchOffers, fetchShapes, filtersFromSearch, PAGE_SIZE, searchFromFilters, type Filters } from './api';
import { describeSchedule, languageName } from './format';
import { GemeindeMap } from './GemeindeMap';
import type { PublicMessages } from './messages';
import { detailHref, htmlLang, lastList, listHref, navigate, onLinkClick } from './routing';

const FIELDS: Handlungsfeld[] = [
  'sprache',
  'bildung',
  'arbeit_ausbildung',
  'wohnen',
  'gesundheit',
  'beratung',
  'familie_fruehe_hilfen',
  'freizeit_sport_kultur',
  'ehrenamt',
  'antidiskriminierung',
  'aufenthalt_recht',
];
const GROUPS: TargetGroup[] = ['kinder', 'jugendliche', 'junge_erwachsene', 'erwachsene', 'familien', 'eltern', 'frauen', 'maenner', 'senioren', 'gefluechtete', 'neuzugewanderte', 'ehrenamtliche'];
/** Languages offers are most often given in, in this Kreis. */
const OFFER_LANGUAGES = ['de', 'en', 'ar', 'fa', 'uk', 'ru', 'tr', 'ku', 'ti', 'ps', 'fr', 'ro', 'bg', 'pl', 'sq', 'so'];

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ok'; data: PublicOfferPage };

export function OfferListPage({ lang, m, search }: { lang: PublicLang; m: PublicMessages; search: string }) {
  const filters = filtersFromSearch(search);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [shapes, setShapes] = useState<GemeindeFeatureCollection | null>(null);
  const [view, setView] = useState<'map' | 'table'>('map');
  const [retry, setRetry] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ids = useId();
  const key = `${lang}|${search}|${retry}`;

  useEffect(() => {
    lastList.search = search;
    const controller = new AbortController();
    setLoad((l) => (l.state === 'ok' ? l : { state: 'loading' }));
    fetchOffers(lang, filtersFromSearch(search), controller.signal)
      .then((data) => setLoad({ state: 'ok', data }))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'error', message: e instanceof Error ? e.message : m.error });
      });
    return () => controller.abort();

  }, [key]);

  useEffect(() => {
    fetchShapes()
      .then(setShapes)
      .catch(() => setShapes(null));
  }, []);

  useEffect(() => {
    document.title = `${m.siteTitle}${filters.q ? ` – ${filters.q}` : ''}`;
  }, [m.siteTitle, filters.q]);

  const apply = (next: Partial<Filters>) => navigate(listHref(lang, searchFromFilters({ ...filters, page: 1, ...next })));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    apply({
      q: String(data.get('q') ?? '').trim(),
      ags: String(data.get('gemeinde') ?? ''),
      handlungsfeld: String(data.get('thema') ?? ''),
      language: String(data.get('sprache') ?? ''),
      targetGroup: String(data.get('fuer') ?? ''),
    });
  };

  const data = load.state === 'ok' ? load.data : null;
  const gemeinden = data?.byGemeinde ?? [];
  const counts = Object.fromEntries(gemeinden.map((g) => [g.ags, g.count]));
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {m.siteTitle}
      </h1>
      <p className="pub-intro pub-pre">{m.siteIntro}</p>

      <form className="pub-search no-print" role="search" onSubmit={onSubmit} key={search}>
        <div className="pub-field pub-field-wide">
          <label htmlFor={`${ids}-q`}>{m.search}</label>
          <input id={`${ids}-q`} name="q" type="search" defaultValue={filters.q} aria-describedby={`${ids}-qh`} autoComplete="off" />
          <span id={`${ids}-qh`} className="pub-hint">
            {m.searchHint}
          </span>
        </div>
        <fieldset className="pub-filters">
          <legend>{m.filters}</legend>
          <div className="pub-field">
            <label htmlFor={`${ids}-g`}>{m.gemeinde}</label>
            <select id={`${ids}-g`} name="gemeinde" defaultValue={filters.ags}>
              <option value="">{m.all}</option>
              {gemeinden.map((g) => (
                <option key={g.ags} value={g.ags}>
                  {g.name}
                </option>
              ))}
              {filters.ags && !gemeinden.some((g) => g.ags === filters.ags) ? <option value={filters.ags}>{filters.ags}</option> : null}
            </select>
          </div>
          <div className="pub-field">
            <label htmlFor={`${ids}-t`}>{m.field}</label>
            <select id={`${ids}-t`} name="thema" defaultValue={filters.handlungsfeld}>
              <option value="">{m.all}</option>
              {FIELDS.map((f) => (
                <option key={f} value={f}>
                  {m.fields[f]}
                </option>
              ))}
            </select>
          </div>
          <div className="pub-field">
            <label htmlFor={`${ids}-s`}>{m.offerLanguage}</label>
            <select id={`${ids}-s`} name="sprache" defaultValue={filters.language}>
              <option value="">{m.all}</option>
              {OFFER_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {languageName(lang, code)}
                </option>
              ))}
            </select>
          </div>
          <div className="pub-field">
            <label htmlFor={`${ids}-f`}>{m.targetGroup}</label>
            <select id={`${ids}-f`} name="fuer" defaultValue={filters.targetGroup}>
              <option value="">{m.all}</option>
              {GROUPS.map((g) => (
                <option key={g} value={g}>
                  {m.groups[g]}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <div className="pub-actions">
          <button type="submit" className="pub-button pub-primary">
            {m.searchButton}
          </button>
          {search ? (
            <a className="pub-button" href={listHref(lang)} onClick={onLinkClick}>
              {m.reset}
            </a>
          ) : null}
        </div>
      </form>

      <p role="status" aria-live="polite" className="pub-count">
        {data ? m.results(data.total) : load.state === 'loading' ? m.loading : ''}
      </p>

      <div className="pub-layout">
        <section aria-labelledby={`${ids}-results`} className="pub-results">
          <h2 id={`${ids}-results`} className="pub-visually-hidden">
            {m.results(data?.total ?? 0)}
          </h2>
          {load.state === 'error' ? (
            <div role="alert" className="pub-error">
              <p>{m.error}</p>
              <p className="pub-hint">{load.message}</p>
              <button type="button" className="pub-button" onClick={() => setRetry((n) => n + 1)}>
                {m.retry}
              </button>
            </div>
          ) : null}
          {data && data.items.length === 0 ? <p className="pub-pre">{m.noResults}</p> : null}
          {data ? (
            <ol className="pub-list">
              {data.items.map((o) => (
                <li key={o.id} className="pub-card">
                  <h3>
                    <a href={detailHref(lang, o.id)} onClick={onLinkClick} lang={htmlLang(o.contentLang)} dir="auto">
                      <bdi>{o.title}</bdi>
                    </a>
                  </h3>
                  {!o.translated && lang !== 'de' ? (
                    <p className="pub-note" lang={htmlLang(lang)}>
                      {m.onlyGerman}
                    </p>
                  ) : null}
                  <p className="pub-card-text" lang={htmlLang(o.contentLang)} dir="auto">
                    <bdi>{o.description.length > 220 ? `${o.description.slice(0, 220).replace(/\s+\S*$/, '')} …` : o.description}</bdi>
                  </p>
                  <ul className="pub-tags" aria-label={m.field}>
                    {o.handlungsfelder.map((h) => (
                      <li key={h}>{m.fields[h]}</li>
                    ))}
                  </ul>
                  <p className="pub-meta">
                    <span>
                      {m.where} <bdi>{[...new Set(o.locations.map((l) => l.gemeinde))].join(', ')}</bdi>
                    </span>
                    <span>
                      {m.when} {describeSchedule(lang, m, o.schedule)[0]}
                    </span>
                  </p>
                </li>
              ))}
            </ol>
          ) : null}
          {data && pages > 1 ? (
            <nav aria-label={m.pagination} className="pub-pager no-print">
              {filters.page > 1 ? (
                <a className="pub-button" rel="prev" href={listHref(lang, searchFromFilters({ ...filters, page: filters.page - 1 }))} onClick={onLinkClick}>
                  {m.previous}
                </a>
              ) : null}
              <span>{m.page(filters.page, pages)}</span>
              {filters.page < pages ? (
                <a className="pub-button" rel="next" href={listHref(lang, searchFromFilters({ ...filters, page: filters.page + 1 }))} onClick={onLinkClick}>
                  {m.next}
                </a>
              ) : null}
            </nav>
          ) : null}
        </section>

        <section aria-labelledby={`${ids}-map`} className="pub-map no-print">
          <h2 id={`${ids}-map`}>{m.mapTitle}</h2>
          <p className="pub-hint pub-pre">{m.mapHint}</p>
          <div className="pub-toggle" role="group" aria-label={`${m.map} / ${m.table}`}>
            <button type="button" className="pub-button" aria-pressed={view === 'map'} onClick={() => setView('map')}>
              {m.map}
            </button>
            <button type="button" className="pub-button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
              {m.table}
            </button>
          </div>
          {view === 'map' && shapes ? (
            <GemeindeMap
              collection={shapes}
              values={counts}
              labelFor={(_ags, v) => String(v)}
              describe={(name, v) => m.offersIn(v, name)}
              title={m.mapTitle}
              selected={filters.ags || null}
              hrefFor={(ags) => listHref(lang, searchFromFilters({ ...filters, ags, page: 1 }))}
              onSelect={(ags) => apply({ ags: filters.ags === ags ? '' : ags })}
            />
          ) : null}
          {view === 'table' || !shapes ? (
            <table className="pub-table">
              <caption>{m.tableCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.colGemeinde}</th>
                  <th scope="col">{m.colCount}</th>
                </tr>
              </thead>
              <tbody>
                {gemeinden.map((g) => (
                  <tr key={g.ags} aria-current={filters.ags === g.ags ? 'true' : undefined}>
                    <th scope="row">
                      <a href={listHref(lang, searchFromFilters({ ...filters, ags: g.ags, page: 1 }))} onClick={onLinkClick}>
                        {g.name}
                      </a>
                    </th>
                    <td>{g.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {data ? (
            <p className="pub-attribution" lang="de">
              {m.sources}: {data.attribution}
            </p>
          ) : null}
        </section>
      </div>
    </>
  );
}
