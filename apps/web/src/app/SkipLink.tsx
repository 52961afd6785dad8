import { useT } from '../i18n';

export const MAIN_CONTENT_ID = 'inhalt';

/** The first focusable element of every page: jumps past header and navigation. */
export function SkipLink() {
  const t = useT();
  return (
    <a
      className="skip-link"
      href={`#${MAIN_CONTENT_ID}`}
      onClick={(event) => {
        const main = document.getElementById(MAIN_CONTENT_ID);
        if (!main) return;
        event.preventDefault();
        main.focus();
        main.scrollIntoView();
      }}
    >
      {t('skipLink')}
    </a>
  );
}
