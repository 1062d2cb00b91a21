import type { PhpArray } from '../../../core/http/php-query.js'
import { scalarParam } from '../../../core/http/php-query.js'
import { viewsAll, type User } from '../../acl.js'
import { visibleSql, type ResourceKind } from './resource.data.js'
import { numericIds, type Where } from './resource.search.js'

const inList = (col: string, ids: number[]) => (ids.length ? `${col} IN (${ids.map(() => '?').join(', ')})` : '0')
const flag = (q: PhpArray, name: string): boolean | undefined => {
  const v = scalarParam(q, name)
  return v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) !== 0 : undefined
}

function itemCriteria(q: PhpArray, w: Where, user: User | null): void {
  // Joined item sets and media are subject to the visibility filter too.
  const vis = visibleSql(user, 'x')
  // ItemAdapter: `array_filter(…, 'is_numeric')` on the value or list (no comma splitting); nothing
  // numeric left is no filter.
  const sets = numericIds(q.get('item_set_id'))
  if (sets.length) {
    const ids = sets
    w.add(
      `EXISTS (SELECT 1 FROM item_item_set iis JOIN resource x ON x.id = iis.item_set_id WHERE iis.item_id = r.id AND ${inList('iis.item_set_id', ids)} AND ${vis.sql})`,
      ...ids,
      ...vis.args,
    )
  }
  {
    const ids = numericIds(q.get('not_item_set_id'))
    if (ids.length)
      w.add(
        `NOT EXISTS (SELECT 1 FROM item_item_set iis WHERE iis.item_id = r.id AND ${inList('iis.item_set_id', ids)})`,
        ...ids,
      )
  }
  const site = scalarParam(q, 'site_id')
  if (site !== undefined && /^\s*\d+\s*$/.test(site)) {
    if (flag(q, 'site_attachments_only'))
      w.add(
        'EXISTS (SELECT 1 FROM site_block_attachment a JOIN site_page_block b ON b.id = a.block_id JOIN site_page p ON p.id = b.page_id WHERE a.item_id = r.id AND p.site_id = ?) AND EXISTS (SELECT 1 FROM item_site s WHERE s.item_id = r.id AND s.site_id = ?)',
        parseInt(site, 10),
        parseInt(site, 10),
      )
    else w.add('EXISTS (SELECT 1 FROM item_site s WHERE s.item_id = r.id AND s.site_id = ?)', parseInt(site, 10))
  }
  const inSites = flag(q, 'in_sites')
  if (inSites !== undefined) w.add(`${inSites ? '' : 'NOT '}EXISTS (SELECT 1 FROM item_site s WHERE s.item_id = r.id)`)
  const hasMedia = flag(q, 'has_media')
  // Omeka's inner join for has_media=1 ignores the media's visibility; the left join for 0 applies it.
  if (hasMedia === true) w.add('EXISTS (SELECT 1 FROM media m WHERE m.item_id = r.id)')
  if (hasMedia === false)
    w.add(
      `NOT EXISTS (SELECT 1 FROM media m JOIN resource x ON x.id = m.id WHERE m.item_id = r.id AND ${vis.sql})`,
      ...vis.args,
    )
}

function itemSetCriteria(q: PhpArray, w: Where, user: User | null): void {
  if (q.has('is_open') && !viewsAll(user))
    w.add(
      `((SELECT is_open FROM item_set WHERE id = r.id) = 1${user ? ' OR r.owner_id = ?' : ''})`,
      ...(user ? [user.id] : []),
    )
  const site = scalarParam(q, 'site_id')
  if (site !== undefined && /^\s*\d+\s*$/.test(site))
    w.add('EXISTS (SELECT 1 FROM site_item_set s WHERE s.item_set_id = r.id AND s.site_id = ?)', parseInt(site, 10))
  const inSites = flag(q, 'in_sites')
  if (inSites !== undefined)
    w.add(`${inSites ? '' : 'NOT '}EXISTS (SELECT 1 FROM site_item_set s WHERE s.item_set_id = r.id)`)
}

function mediaCriteria(q: PhpArray, w: Where, user: User | null): void {
  // MediaAdapter: `isset($query['item_id']) && is_numeric(...)`, so `item_id[]=` lists are ignored; the
  // inner join on the item puts it under the visibility filter too.
  const item = scalarParam(q, 'item_id')
  if (item !== undefined && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(item)) {
    const vis = visibleSql(user, 'x')
    w.add(
      `EXISTS (SELECT 1 FROM media m JOIN resource x ON x.id = m.item_id WHERE m.id = r.id AND m.item_id = ? AND ${vis.sql})`,
      Number(item),
      ...vis.args,
    )
  }
  for (const col of ['media_type', 'ingester', 'renderer'] as const) {
    const v = scalarParam(q, col)
    if (v) w.add(`(SELECT ${col} FROM media WHERE id = r.id) = ?`, v)
  }
  const site = scalarParam(q, 'site_id')
  if (site !== undefined && /^\s*\d+\s*$/.test(site))
    w.add(
      'EXISTS (SELECT 1 FROM media m JOIN item_site s ON s.item_id = m.item_id WHERE m.id = r.id AND s.site_id = ?)',
      parseInt(site, 10),
    )
}

/** The adapter-specific criteria of items, item sets and media. */
export function kindCriteria(kind: ResourceKind | 'resources', q: PhpArray, w: Where, user: User | null): void {
  if (kind !== 'resources') w.add('r.resource_type = ?', kind)
  if (kind === 'items') itemCriteria(q, w, user)
  else if (kind === 'item_sets') itemSetCriteria(q, w, user)
  else if (kind === 'media') mediaCriteria(q, w, user)
}
