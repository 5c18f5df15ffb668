// A host: its last window against its baseline, and the explanations of its recent anomalies.
import { getJson } from './api.js';
import { el, show, time } from './dom.js';
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
      : el('p', { class: 'muted' }, 'None.'));
  if (features.length > 0) {
    const plot = featureChart(chart, features);
    return () => plot.destroy();
  }
  return undefined;
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
