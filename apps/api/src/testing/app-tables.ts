import type { DataSource } from 'typeorm';

/** A table's columns and indexes, by name, sorted. */
export interface TableShape {
  columns: string[];
  indices: string[];
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
      shapes[name] = { columns: table.columns.map((c) => c.name).sort(), indices: table.indices.map((i) => String(i.name)).sort() };
    }
    return shapes;
  } finally {
    await runner.release();
  }
}
