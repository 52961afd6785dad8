import type { ReactNode } from 'react';
import { Box, Table, Text, VisuallyHidden } from '@mantine/core';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  /** Marks the column whose cell names the row (rendered as a row header). */
  rowHeader?: boolean;
  nowrap?: boolean;
}

export interface DataTableProps<T> {
  /** Names the table for screen readers (visually hidden caption). */
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Shown in a single row when there are no rows. */
  empty: ReactNode;
  /** Needed width before the table scrolls sideways (small screens). */
  minWidth?: number;
}

/**
 * A plain, semantic table: caption, column headers with scope, row headers; on narrow screens it scrolls inside a
 * focusable region so keyboard users can scroll it too.
 */
export function DataTable<T>({ caption, columns, rows, rowKey, empty, minWidth = 720 }: DataTableProps<T>) {
  return (
    <Box
      role="region"
      aria-label={caption}
      tabIndex={0}
      style={{ overflowX: 'auto' }}
      bg="white"
      bd="1px solid var(--mantine-color-gray-3)"
      bdrs="md"
    >
      <Table miw={minWidth} fz="sm" verticalSpacing="sm" horizontalSpacing="sm" striped highlightOnHover>
        <caption>
          <VisuallyHidden>{caption}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.key} scope="col" style={column.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                {column.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>
                <Text c="dimmed" py="sm">
                  {empty}
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : (
            rows.map((row) => (
              <Table.Tr key={rowKey(row)}>
                {columns.map((column) =>
                  column.rowHeader ? (
                    <Table.Th key={column.key} scope="row" fw={500}>
                      {column.render(row)}
                    </Table.Th>
                  ) : (
                    <Table.Td key={column.key} style={column.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                      {column.render(row)}
                    </Table.Td>
                  ),
                )}
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
