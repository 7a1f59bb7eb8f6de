import type { DataSource } from 'typeorm';

/** A table's columns by name, and its indexes as `name(columns)`, each sorted. */
export interface TableShape {
  columns: string[];
  indices: string[];
}

/**
 * An index as `name(a, b)`. Its columns are sorted: PostgreSQL's catalog gives them in table
 * order, not the index's, so only which columns it holds can be compared across databases.
 */
export function indexShape(name: string | undefined, columns: readonly string[]): string {
  return `${String(name)}(${[...columns].sort().join(', ')})`;
}

/**
 * The application's tables as the database has them, by name: not the database's own (catalogs,
 * sqlite_sequence), nor TypeORM's record of migrations. Spec support only.
 */
export async function appTables(dataSource: DataSource): Promise<Record<string, TableShape>> {
  const runner = dataSource.createQueryRunner();
  try {
    const shapes: Record<string, TableShape> = {};
    for (const table of await runner.getTables()) {
      const name = table.name.replace(/^public\./, '');
      if (name.includes('.') || name.startsWith('sqlite_') || name === 'migrations') continue;
      shapes[name] = { columns: table.columns.map((c) => c.name).sort(), indices: table.indices.map((i) => indexShape(i.name, i.columnNames)).sort() };
    }
    return shapes;
  } finally {
    await runner.release();
  }
}
