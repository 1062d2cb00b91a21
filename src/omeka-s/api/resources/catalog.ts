import { memoUntilChange, prepared, type Db } from '../../db/client.js'

export interface TermInfo {
  id: number
  term: string
  label: string
}

/** Vocabulary members and templates, loaded once per request (they are few and read often). */
export class Catalog {
  /** The connection's catalogue, kept while the database is unchanged (a request then loads nothing). */
  static of(db: Db): Catalog {
    return memoUntilChange(db, 'catalog', () => new Catalog(db))
  }

  private props?: Map<number, TermInfo>
  private classes?: Map<number, TermInfo>
  private byTerm?: Map<string, number>
  private templates = new Map<number, { titleProperty: number | null; properties: number[]; label: string }>()

  constructor(private readonly db: Db) {}

  private members(table: 'property' | 'resource_class'): Map<number, TermInfo> {
    const rows = prepared<TermInfo>(
      this.db,
      `SELECT m.id, v.prefix || ':' || m.local_name AS term, m.label FROM ${table} m JOIN vocabulary v ON v.id = m.vocabulary_id`,
    ).all()
    return new Map(rows.map((r) => [r.id, r]))
  }

  property(id: number): TermInfo | undefined {
    this.props ??= this.members('property')
    return this.props.get(id)
  }

  resourceClass(id: number | null): TermInfo | undefined {
    if (id === null) return undefined
    this.classes ??= this.members('resource_class')
    return this.classes.get(id)
  }

  /** A property id from a `prefix:local` term (0 when unknown, which matches nothing). */
  propertyIdOf(term: string): number {
    if (!this.byTerm) {
      this.props ??= this.members('property')
      this.byTerm = new Map([...this.props.values()].map((p) => [p.term, p.id]))
    }
    return this.byTerm.get(term) ?? 0
  }

  template(id: number | null): { titleProperty: number | null; properties: number[]; label: string } | undefined {
    if (id === null) return undefined
    if (!this.templates.has(id)) {
      const t = prepared<{ titleProperty: number | null; label: string }>(
        this.db,
        'SELECT title_property_id AS titleProperty, label FROM resource_template WHERE id = ?',
      ).get(id)
      if (!t) return undefined
      const props = prepared<{ p: number }>(
        this.db,
        'SELECT property_id AS p FROM resource_template_property WHERE resource_template_id = ? ORDER BY position',
      ).all(id)
      this.templates.set(id, { ...t, properties: props.map((p) => p.p) })
    }
    return this.templates.get(id)
  }
}
