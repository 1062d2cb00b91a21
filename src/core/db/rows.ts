import type Database from 'better-sqlite3'

/**
 * A prepared statement whose rows are `Row`. SQLite checks nothing about the shape of a row, so the row
 * type is asserted here, once, where the statement is made (`prepared<Row>(db, sql)` in Omeka S,
 * `statement<Row>(db, sql)` in Classic, or `db.$client.prepare<unknown[], Row>(sql)`), never on each
 * `.get()`/`.all()`. Rows of a whole table use its drizzle type (`RawRow<typeof table>`); see
 * docs/architecture.md, "Row types".
 */
export type Rows<Row> = Database.Statement<unknown[], Row>

/** `stmt` typed as giving `Row`s. */
export const rowsOf = <Row>(stmt: Database.Statement): Rows<Row> => stmt as Rows<Row>

/**
 * A row of a drizzle table as raw SQL returns it when the SELECT names the columns as the schema's
 * properties (`owner_id AS ownerId`): `mode: 'boolean'` and `'json'` columns come back as SQLite stores them.
 */
export type RawRow<T extends { $inferSelect: object }> = {
  [K in keyof T['$inferSelect']]: T['$inferSelect'][K] extends boolean
    ? number
    : T['$inferSelect'][K] extends boolean | null
      ? number | null
      : T['$inferSelect'][K]
}
