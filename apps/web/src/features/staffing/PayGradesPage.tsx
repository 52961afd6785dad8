import { useState } from 'react';
import { Anchor, Button, Group, Paper, Stack, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import type { PayGradeCost } from '@teilhabe/shared';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { hasPermission, useMe } from '../auth/session';
import { ErrorBox, euro, FundingTabs, MoneyInput, YearSelect } from '../funding/common';
import { createPayGrade, staffingKey, updatePayGrade, usePayGrades } from './api';
import { useT } from '../../i18n';

/** Yearly employer cost of one full-time post per pay grade (TVöD), the basis of all personnel cost figures. */
export function PayGradesPage() {
  const t = useT();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('jahr')) || new Date().getFullYear();
  const grades = usePayGrades(year);
  const queryClient = useQueryClient();
  const canWrite = hasPermission(me, 'staffing.write');
  const [edits, setEdits] = useState<Record<string, number | null>>({});
  const [form, setForm] = useState({ payGrade: '', annualCostCents: null as number | null });
  const [formKey, setFormKey] = useState(0);
  const refresh = () => queryClient.invalidateQueries({ queryKey: staffingKey });
  const save = useMutation({
    mutationFn: (g: PayGradeCost) => updatePayGrade(g.id, g.version, { annualCostCents: edits[g.id] ?? g.annualCostCents }),
    onSuccess: refresh,
  });
  const create = useMutation({
    mutationFn: () => createPayGrade({ year, payGrade: form.payGrade, annualCostCents: form.annualCostCents ?? 0 }),
    onSuccess: async () => {
      setForm({ payGrade: '', annualCostCents: null });
      setFormKey((k) => k + 1);
      await refresh();
    },
  });
  return (
    <Page
      title={t('staffing.payGrades.personalkostenJeEntgeltgruppe')}
      description={t('staffing.payGrades.arbeitgeberkostenEinerVollzeitstelleJe')}
    >
      <FundingTabs />
      <Anchor component={Link} to="/stellenplan">
        {t('staffing.payGrades.zurueckZumStellenplan')}
      </Anchor>
      <YearSelect value={year} onChange={(y) => setParams({ jahr: String(y) })} />
      <ErrorBox error={save.error} />
      {grades.isPending ? <Loading /> : null}
      {grades.isError ? <QueryError error={grades.error} /> : null}
      {grades.data ? (
        <DataTable<PayGradeCost>
          caption={t('staffing.payGrades.caption', { year })}
          rows={grades.data}
          rowKey={(g) => g.id}
          empty={t('staffing.payGrades.fuerDiesesJahrSind')}
          columns={[
            { key: 'grade', header: t('staffing.payGrades.entgeltgruppe'), rowHeader: true, render: (g) => g.payGrade },
            { key: 'cost', header: t('staffing.payGrades.jahreskostenJeVzae'), nowrap: true, render: (g) => euro(g.annualCostCents) },
            ...(canWrite
              ? [
                  {
                    key: 'edit',
                    header: t('staffing.payGrades.aendern'),
                    render: (g: PayGradeCost) => (
                      <Group gap={4} align="flex-end">
                        <MoneyInput
                          size="xs"
                          aria-label={t('staffing.payGrades.newRate', { grade: g.payGrade })}
                          cents={edits[g.id] ?? g.annualCostCents}
                          onCents={(c) => setEdits({ ...edits, [g.id]: c })}
                        />
                        <Button size="xs" variant="default" onClick={() => save.mutate(g)}>
                          Speichern<VisuallyHidden>: {g.payGrade}</VisuallyHidden>
                        </Button>
                      </Group>
                    ),
                  },
                ]
              : []),
          ]}
        />
      ) : null}
      {canWrite ? (
        <Paper withBorder p="md" radius="md">
          <form
            noValidate
            aria-labelledby="grade-form"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate();
            }}
          >
            <Stack gap="sm">
              <Title order={2} size="h4" id="grade-form">
                Kostensatz {year} anlegen
              </Title>
              <ErrorBox error={create.error} />
              <Group align="flex-end" key={formKey}>
                <TextInput
                  label={t('staffing.payGrades.entgeltgruppe')}
                  description={t('staffing.payGrades.zBS12')}
                  value={form.payGrade}
                  onChange={(e) => setForm({ ...form, payGrade: e.currentTarget.value })}
                />
                <MoneyInput
                  label={t('staffing.payGrades.jahreskostenJeVzae')}
                  cents={form.annualCostCents}
                  onCents={(c) => setForm({ ...form, annualCostCents: c })}
                />
                <Button type="submit" loading={create.isPending}>
                  {t('staffing.payGrades.anlegen')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      ) : null}
    </Page>
  );
}
