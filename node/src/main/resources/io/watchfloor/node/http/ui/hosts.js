// The hosts table, highest anomaly score first.
import { getJson } from './api.js';
import { el, show, time } from './dom.js';

export async function renderHosts(view) {
  show(view, el('h1', {}, 'Hosts'), el('p', { class: 'muted' }, 'Loading…'));
  const page = await getJson('/api/v1/hosts?sort=score&limit=200');
  const rows = page.hosts.map((h) => el('tr', { 'data-host': h.host },
    el('td', { class: 'host' }, el('a', { href: `#/hosts/${encodeURIComponent(h.host)}` }, h.host)),
    el('td', {}, h.site),
    el('td', { class: 'num score' }, h.score),
    el('td', { class: 'num' }, h.windows_seen),
    el('td', {}, time(h.updated_at))));
  show(view,
    el('h1', {}, 'Hosts'),
    el('p', { class: 'muted' }, `${page.count} hosts, by anomaly score (showing ${rows.length}).`),
    el('table', { id: 'hosts-table' },
      el('thead', {}, el('tr', {}, ['Host', 'Site', 'Score', 'Windows', 'Updated'].map((t) => el('th', {}, t)))),
      el('tbody', {}, rows)));
}
