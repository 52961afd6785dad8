import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, renderPage } from '../../test/utils';
import { MinimisationHint } from './PersonDetailPage';

describe('consent form: data minimisation hint', () => {
  it('names the ticked categories a Jobcenter is never shown', () => {
    renderPage(<MinimisationHint recipientKind="jobcenter" categories={['identity', 'residence', 'health']} />, { me: makeMe() });
    const hint = screen.getByRole('status');
    expect(hint.textContent).toContain('Aufenthaltsstatus');
    expect(hint.textContent).toContain('Gesundheit (Art. 9 DSGVO)');
    expect(hint.textContent).not.toContain('Name und Geburtsdatum');
  });

  it('says nothing while every ticked category is needed or no recipient is chosen', () => {
    renderPage(
      <>
        <MinimisationHint recipientKind="auslaenderbehoerde" categories={['identity', 'residence']} />
        <MinimisationHint recipientKind={undefined} categories={['health']} />
      </>,
      { me: makeMe() },
    );
    expect(screen.queryByRole('status')).toBeNull();
  });
});
