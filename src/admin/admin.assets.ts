// The admin page's only stylesheet and script, served from /admin/assets (no bundler, no CDN). Kept as
// strings so the build (tsc, which copies only .json beside the code) ships them with the server.

export const ADMIN_CSS = `
:root { --fg: #1b1b1b; --bg: #fff; --muted: #4a4a4a; --line: #c8c8c8; --accent: #0b5cad; --bad: #a4000f; --ok: #0f6b2f; --focus: #ffbf47; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, main:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px var(--fg); }
.skip { position: absolute; left: -999px; top: 0; background: var(--fg); color: #fff; padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 0; }
.top { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 1rem; padding: .75rem 1.5rem; border-bottom: 1px solid var(--line); background: #f4f6f8; }
.brand { margin: 0; font-weight: 700; }
.brand a { text-decoration: none; color: var(--fg); }
.flavor { font-weight: 400; color: var(--muted); }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; margin: 0; padding: 0; align-items: center; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin-top: 0; }
h2 { font-size: 1.25rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.url { word-break: break-all; }
.stack { display: grid; gap: .9rem; max-width: 40rem; }
.field { display: grid; gap: .25rem; }
label { font-weight: 600; }
fieldset label { font-weight: 400; display: block; }
fieldset { border: 1px solid var(--line); padding: .5rem 1rem; }
input[type=text], input[type=url], input[type=password], input[type=search], input[type=number], select, textarea { font: inherit; padding: .4rem .5rem; border: 1px solid #6b6b6b; border-radius: 3px; width: 100%; }
textarea { font-family: ui-monospace, monospace; font-size: .9rem; }
button, .button { font: inherit; display: inline-block; padding: .45rem .9rem; border: 1px solid var(--accent); border-radius: 3px; background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; }
button.link { background: none; border: none; color: var(--accent); padding: 0; text-decoration: underline; }
button.danger { background: var(--bad); border-color: var(--bad); }
.actions { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: 1rem 0; }
.inline { display: inline; }
.inline-form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 1rem 0; }
.inline-form input[type=search], .inline-form input[type=text] { width: auto; min-width: 16rem; }
.help { color: var(--muted); font-size: .9rem; margin: 0; }
.flash { border-left: 4px solid var(--ok); background: #eef7f0; padding: .5rem 1rem; }
.error { border-left: 4px solid var(--bad); background: #fbeeee; padding: .5rem 1rem; }
.warning { border-left: 4px solid #8a5a00; background: #fff6e0; padding: .5rem 1rem; }
.boxed { border: 1px solid var(--line); padding: 1rem; margin: 1rem 0; border-radius: 4px; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.status { font-weight: 600; }
.status-completed { color: var(--ok); }
.status-failed, .status-completed_with_errors { color: var(--bad); }
.steps { display: flex; flex-wrap: wrap; gap: 2.5rem; padding-left: 1.2rem; color: var(--muted); }
.steps li { padding-left: .25rem; }
.steps [aria-current] { color: var(--fg); font-weight: 700; }
.tabs ul { border-bottom: 1px solid var(--line); padding-bottom: .5rem; }
.tabs [aria-current=page] { font-weight: 700; color: var(--fg); }
.cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem; }
.card { display: flex; gap: .75rem; border: 1px solid var(--line); border-radius: 4px; padding: .5rem; }
.card img, .nothumb { width: 96px; height: 96px; object-fit: cover; flex: none; background: #eee; }
.nothumb { display: grid; place-items: center; color: var(--muted); font-size: .8rem; }
.card-title { font-size: 1rem; margin: 0 0 .25rem; }
.pager { display: flex; gap: 1rem; align-items: center; margin: 1rem 0; }
`

export const ADMIN_JS = `
// Live progress of an import run: server-sent events from /admin/imports/<id>/events update the page.
(function () {
  var table = document.getElementById('progress')
  var status = document.getElementById('run-status')
  if (!table || !status || !window.EventSource) return
  // A finished run, or a report: nothing more will change.
  if (table.getAttribute('data-final') === '1' || document.getElementById('report-status')) return
  var id = table.getAttribute('data-run')
  var source = new EventSource('/admin/imports/' + id + '/events')
  function set(elId, text) { var el = document.getElementById(elId); if (el && el.textContent !== text) el.textContent = text }
  source.addEventListener('progress', function (e) {
    var run = JSON.parse(e.data)
    set('run-status', run.status.replace(/_/g, ' '))
    status.className = 'status status-' + run.status
    set('run-done', run.done + ' of ' + (run.total === null ? '?' : run.total))
    set('run-rate', run.rate === null ? '\\u2014' : run.rate + ' records/s')
    set('run-eta', run.eta)
    set('run-failed', String(run.failed))
    run.rows.forEach(function (row) {
      var tr = table.querySelector('tr[data-resource="' + row.resource + '"]')
      if (!tr) {
        tr = document.createElement('tr')
        tr.setAttribute('data-resource', row.resource)
        tr.innerHTML = '<th scope="row"></th><td class="num" data-field="done"></td><td class="num" data-field="created"></td><td class="num" data-field="updated"></td><td class="num" data-field="unchanged"></td><td class="num" data-field="failed"></td>'
        tr.querySelector('th').textContent = row.resource
        table.tBodies[0].appendChild(tr)
      }
      var cells = { done: row.done + ' / ' + (row.total === null ? '?' : row.total), created: row.created, updated: row.updated, unchanged: row.unchanged, failed: row.failed }
      Object.keys(cells).forEach(function (k) { var td = tr.querySelector('[data-field="' + k + '"]'); if (td) td.textContent = String(cells[k]) })
    })
  })
  source.addEventListener('end', function () {
    source.close()
    // The finished run has other actions (report, undo): show them.
    window.location.reload()
  })
})()
`
