import { adapterClass, type Resource } from '../../context.js'
import { dateJson, ref } from '../resources/json.js'
import { param, tableRead, tableSearch, type TableSpec } from '../../simple.js'

interface JobRow {
  id: number
  ownerId: number | null
  status: string
  jobClass: string
  args: string | null
  started: string
  ended: string | null
}

const spec: TableSpec<JobRow> = {
  table: 'job t',
  entity: 'Job',
  select: 't.id, t.owner_id AS ownerId, t.status, t.class AS jobClass, t.args, t.started, t.ended',
  where(q, w) {
    for (const col of ['class', 'status'] as const) {
      const v = param(q, col)
      if (v !== undefined) w.add(`t.${col} = ?`, v)
    }
  },
  sorts: { id: 't.id', status: 't.status', class: 't.class', started: 't.started', ended: 't.ended' },
  render: (req, rows) =>
    rows.map((j) => ({
      '@context': req.urls.context,
      '@id': req.urls.api('jobs', j.id),
      '@type': 'o:Job',
      'o:id': j.id,
      'o:status': j.status,
      'o:job_class': j.jobClass,
      'o:args': j.args === null ? null : JSON.parse(j.args),
      'o:owner': ref(req.urls, 'users', j.ownerId),
      'o:started': dateJson(j.started),
      'o:ended': dateJson(j.ended),
    })),
}

export const jobsResource: Resource = {
  name: 'jobs',
  adapter: adapterClass('Job'),
  search: (req) => tableSearch(req, spec),
  read: (req) => tableRead(req, spec),
}
