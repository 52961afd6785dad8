import { Group, Pagination, Text } from '@mantine/core';
import { useI18n } from '../i18n';

export interface PagerProps {
  total: number;
  limit: number;
  offset: number;
  onOffsetChange: (offset: number) => void;
  /** Names the navigation landmark, e.g. "Seiten der Benutzer:innenliste". */
  label: string;
}

/** "1–50 von 230" plus page buttons; hidden when everything fits on one page. */
export function Pager({ total, limit, offset, onOffsetChange, label }: PagerProps) {
  const { t, formatNumber } = useI18n();
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.min(pages, Math.floor(offset / limit) + 1);
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(total, offset + limit);

  return (
    <Group justify="space-between" gap="sm" wrap="wrap">
      <Text size="sm" c="dimmed">
        {t('pager.range', { from: formatNumber(from), to: formatNumber(to), total: formatNumber(total) })}
      </Text>
      {pages > 1 ? (
        <nav aria-label={label}>
          <Pagination
            total={pages}
            value={page}
            onChange={(next) => onOffsetChange((next - 1) * limit)}
            siblings={1}
            boundaries={1}
            size="sm"
            getItemProps={(n) => ({ 'aria-label': t('pager.page', { page: n }) })}
            getControlProps={(control) => ({ 'aria-label': t(`pager.${control}`) })}
          />
        </nav>
      ) : null}
    </Group>
  );
}
