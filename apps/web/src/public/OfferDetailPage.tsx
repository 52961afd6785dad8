import { useEffect, useRef, useState } from 'react';
import type { PublicLang, PublicOffer } from '@teilhabe/shared';
import { fetchOffer, PublicApiError } from './api';
import { ageText, describeSchedule, formatDate, languageName, listOf, money } from './format';
import type { PublicMessages } from './messages';
import { htmlLang, listHref, onLinkClick } from './routing';

type Load = { state: 'loading' } | { state: 'missing' } | { state: 'error'; message: string } | { state: 'ok'; offer: PublicOffer };

/** One offer with a stable address (`/{lang}/angebote/{id}`), a print view and, for dated offers, an iCal file. */
export function OfferDetailPage({ lang, id, m, backSearch }: { lang: PublicLang; id: string; m: PublicMessages; backSearch: string }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [retry, setRetry] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (id === 'invalid') {
      setLoad({ state: 'missing' });
      return;
    }
    const controller = new AbortController();
    fetchOffer(lang, id, controller.signal)
      .then((offer) => setLoad({ state: 'ok', offer }))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        if (e instanceof PublicApiError && (e.status === 404 || e.status === 400)) setLoad({ state: 'missing' });
        else setLoad({ state: 'error', message: e instanceof Error ? e.message : m.error });
      });
    return () => controller.abort();
  }, [lang, id, retry, m.error]);

  useEffect(() => {
    if (load.state === 'ok') document.title = `${load.offer.title} – ${m.siteTitle}`;
    if (load.state !== 'loading') headingRef.current?.focus();
  }, [load, m.siteTitle]);

  const back = (
    <p className="no-print">
      <a href={listHref(lang, backSearch)} onClick={onLinkClick}>
        <span aria-hidden="true">{lang === 'ar' || lang === 'fa' ? '→ ' : '← '}</span>
        {m.back}
      </a>
    </p>
  );

  if (load.state === 'loading') return <p role="status">{m.loading}</p>;
  if (load.state === 'missing' || load.state === 'error') {
    return (
      <>
        {back}
        <h1 ref={headingRef} tabIndex={-1}>
          {load.state === 'missing' ? m.notFound : m.error}
        </h1>
        {load.state === 'error' ? (
          <button type="button" className="pub-button" onClick={() => setRetry((n) => n + 1)}>
            {m.retry}
          </button>
        ) : null}
      </>
    );
  }

  const o = load.offer;
  const contentLang = htmlLang(o.contentLang);
  const age = ageText(m, o.ageMin, o.ageMax);
  const groups = o.targetGroups.map((g) => m.groups[g]);
  const cost = o.costKind === 'free' ? m.free : `${o.costKind === 'reduced' ? m.reduced : m.paid}${o.costCents !== null ? `: ${money(lang, o.costCents)}` : ''}`;

  return (
    <article className="pub-detail">
      {back}
      <h1 ref={headingRef} tabIndex={-1} lang={contentLang} dir="auto">
        <bdi>{o.title}</bdi>
      </h1>
      {!o.translated && lang !== 'de' ? (
        <p className="pub-note" role="note">
          {m.onlyGerman}
        </p>
      ) : null}
      <ul className="pub-tags" aria-label={m.field}>
        {o.handlungsfelder.map((h) => (
          <li key={h}>{m.fields[h]}</li>
        ))}
      </ul>
      <div className="pub-description" lang={contentLang} dir="auto">
        {o.description.split(/\n{2,}/).map((para, i) => (
          <p key={i}>
            <bdi>{para}</bdi>
          </p>
        ))}
      </div>

      <dl className="pub-facts">
        <div>
          <dt>{m.when}</dt>
          <dd>
            <ul>
              {describeSchedule(lang, m, o.schedule).map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
            {o.hasCalendar ? (
              <p className="no-print">
                <a href={`/api/v1/public/offers/${o.id}/calendar.ics`} download={`angebot-${o.id}.ics`} type="text/calendar">
                  {m.calendar}
                </a>
              </p>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{m.where}</dt>
          <dd>
            <ul>
              {o.locations.map((l, i) => (
                <li key={i}>
                  <bdi>{[l.label, l.street, [l.postalCode, l.city ?? l.gemeinde].filter(Boolean).join(' ')].filter(Boolean).join(', ')}</bdi>
                </li>
              ))}
            </ul>
          </dd>
        </div>
        {o.validFrom || o.validTo ? (
          <div>
            <dt>{m.validity}</dt>
            <dd>{[o.validFrom ? m.validFrom(formatDate(lang, o.validFrom)) : null, o.validTo ? m.validTo(formatDate(lang, o.validTo)) : null].filter(Boolean).join(' ')}</dd>
          </div>
        ) : null}
        <div>
          <dt>{m.forWhom}</dt>
          <dd>{[groups.length ? listOf(lang, groups) : m.everyone, age].filter(Boolean).join(' · ')}</dd>
        </div>
        <div>
          <dt>{m.languages}</dt>
          <dd>{listOf(lang, o.languages.map((code) => languageName(lang, code)))}</dd>
        </div>
        <div>
          <dt>{m.cost}</dt>
          <dd>
            {cost}
            {o.costNote ? (
              <>
                {' '}
                (<bdi lang="de">{o.costNote}</bdi>)
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{m.registration}</dt>
          <dd>
            {o.registrationRequired ? m.registrationNeeded : m.registrationNotNeeded}
            {o.registrationNote ? (
              <>
                {' '}
                (<bdi lang="de">{o.registrationNote}</bdi>)
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{m.access}</dt>
          <dd>{m.barrier[o.barrierFree]}</dd>
        </div>
        <div>
          <dt>{m.provider}</dt>
          <dd>
            <bdi>{o.provider.name}</bdi>
          </dd>
        </div>
        {o.contact.name || o.contact.email || o.contact.phone || o.contact.website ? (
          <div>
            <dt>{m.contact}</dt>
            <dd>
              <ul>
                {o.contact.name ? (
                  <li>
                    <bdi>{o.contact.name}</bdi>
                  </li>
                ) : null}
                {o.contact.phone ? (
                  <li>
                    {m.phone}:{' '}
                    <a href={`tel:${o.contact.phone.replace(/[^\d+]/g, '')}`} dir="ltr">
                      {o.contact.phone}
                    </a>
                  </li>
                ) : null}
                {o.contact.email ? (
                  <li>
                    {m.email}:{' '}
                    <a href={`mailto:${o.contact.email}`} dir="ltr">
                      {o.contact.email}
                    </a>
                  </li>
                ) : null}
                {o.contact.website ? (
                  <li>
                    {m.website}:{' '}
                    <a href={o.contact.website} rel="noopener noreferrer" dir="ltr">
                      {o.contact.website}
                    </a>
                  </li>
                ) : null}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="pub-hint">{m.updated(formatDate(lang, o.updatedAt))}</p>
      <p className="no-print">
        <button type="button" className="pub-button" onClick={() => window.print()}>
          {m.print}
        </button>
      </p>
    </article>
  );
}
