// A host: its last window against its baseline, its top peers and ports, where its models stand,
// and the explanations of its recent anomalies.
import { getJson } from './api.js';
import { el, num, show, time } from './dom.js';
import { featureChart } from './charts.js';
import { anomalyCard } from './anomaly.js';

export async function renderHost(view, ip) {
  show(view, el('h1', {}, ip), el('p', { class: 'muted' }, 'Loading…'));
  const h = await getJson(`/api/v1/hosts/${encodeURIComponent(ip)}`);
  const chart = el('div', { id: 'feature-chart' });
  const { features, caption } = chartedWindow(h);
  show(view,
    el('p', {}, el('a', { href: '#/hosts' }, '← Hosts')),
    el('h1', { id: 'host-title' }, `${h.host}`, el('span', { class: 'muted' }, ` · site ${h.site}`)),
    el('p', {},
      `Baseline: ${h.baseline.windows_learned} windows learned (${h.baseline.warm ? 'warm' : 'still learning'}) · `,
      `${h.anomalies_raised} anomalies raised · state saved ${time(h.last_snapshot)}`),
    el('h2', {}, 'Window against baseline'),
    features.length > 0
      ? [el('p', { class: 'muted', id: 'feature-caption' }, caption), chart]
      : el('p', { class: 'muted' }, 'No window of this host is in memory, and it has no recent anomaly.'),
    el('h2', {}, 'Recent anomalies'),
    h.recent_anomalies.length > 0
      ? el('div', { id: 'host-anomalies' }, h.recent_anomalies.map(anomalyCard))
      : el('p', { class: 'muted' }, 'None.'),
    el('div', { class: 'contacts' },
      contactTable('top-peers', 'Top peers', 'Peer', h.top_peers || []),
      contactTable('top-ports', 'Top ports', 'Port', h.top_ports || [])),
    modelSection(h.model));
  if (features.length > 0) {
    const plot = featureChart(chart, features);
    return () => plot.destroy();
  }
  return undefined;
}

/** Peers or destination ports of the flows the host started in its last window, by bytes. */
function contactTable(id, title, keyTitle, contacts) {
  return el('section', {},
    el('h2', {}, title),
    contacts.length === 0
      ? el('p', { class: 'muted' }, 'No flow in the last window.')
      : el('table', { id, class: 'contact-table' },
        el('thead', {}, el('tr', {}, [keyTitle, 'Bytes', 'Packets', 'Flows'].map((t) => el('th', {}, t)))),
        el('tbody', {}, contacts.map((c) => el('tr', {},
          el('td', {}, c.key), el('td', { class: 'num' }, num(c.bytes)),
          el('td', { class: 'num' }, num(c.packets)), el('td', { class: 'num' }, num(c.connections)))))));
}

/** Baseline progress, the neural scorer's training, and what analyst feedback changed. */
function modelSection(m) {
  if (!m) return undefined;
  const n = m.neural;
  const neural = !n ? 'Neural scorer: off.'
    : n.training === 'grace'
      ? `Neural scorer: collecting its first windows, ${n.grace_windows_remaining} to go (${n.windows_learned} learned).`
      : `Neural scorer: ${n.training === 'trained' ? `trained ${n.trainings}×` : "the site's model"}, threshold ${num(n.threshold)}, ${n.windows_learned} windows learned.`;
  const suppressed = m.suppressions.length === 0 ? 'No detector suppressed by feedback.'
    : `Suppressed by feedback: ${m.suppressions.map((s) => `${s.detector} towards ${s.peer === '*' ? 'every peer' : s.peer} until ${time(new Date(s.until_millis).toISOString())}`).join('; ')}.`;
  const confirmed = m.confirmed_detectors.length === 0 ? undefined
    : el('li', {}, `Confirmed by feedback (severity raised): ${m.confirmed_detectors.join(', ')}.`);
  return el('section', { id: 'host-model' },
    el('h2', {}, 'Models'),
    el('ul', {},
      el('li', {}, `Baseline: ${m.baseline_windows} of ${m.baseline_warmup_windows} warm-up windows${m.baseline_warm ? ' — warm' : ''}.`),
      el('li', { id: 'host-neural' }, neural),
      el('li', { id: 'host-suppressions' }, suppressed),
      confirmed));
}

/** The live window when the host entity has one; otherwise the window of its latest anomaly. */
function chartedWindow(h) {
  const current = h.current_window;
  if (h.features.length > 0 && current) {
    const start = new Date(current.window_start_millis).toISOString();
    return { features: h.features,
      caption: `Current window from ${time(start)} (${current.window_millis / 1000} s, segment ${current.segment}): observed value against baseline mean ± sd, log scale.` };
  }
  const latest = h.recent_anomalies[0];
  const top = latest ? (latest['watchfloor.explanation'] || {}).top_features || [] : [];
  return { features: top,
    caption: latest ? `Window of the latest anomaly (${latest['rule.name']}, ${time(latest['event.start'])}); the host has no window in memory now.` : '' };
}
