// The anomaly timeline: recent anomalies of the site, and new ones as the node raises them,
// filtered by detector, least severity, site and host (the API filters what is loaded; the same
// filter decides which live anomalies join the view).
import { anomalyStream, getJson } from './api.js';
import { el, errorBox, num, show, time } from './dom.js';
import { timelineChart } from './charts.js';

const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const DETECTORS = ['baseline_deviation', 'beaconing', 'dns_tunneling', 'exfiltration', 'flood',
  'lateral_movement', 'malformed_packet', 'neural_anomaly', 'off_hours', 'port_protocol_mismatch',
  'port_scan', 'sensitive_data', 'signature', 'threat_intel', 'unapproved_service'];
const LIMIT = 500;

export async function renderAnomalies(view) {
  show(view, el('h1', {}, 'Anomalies'), el('p', { class: 'muted' }, 'Loading…'));
  let filter = { detector: '', severity: '', site: '', host: '' };
  let anomalies = await load(filter);
  const chartBox = el('div', { id: 'timeline-chart' });
  const live = el('span', { id: 'live', class: 'muted' }, 'connecting to the live stream…');
  const count = el('span', { id: 'timeline-count', class: 'muted' });
  const problem = el('div', { id: 'filter-error' });
  const body = el('tbody', {});
  const fields = {
    detector: el('select', { id: 'filter-detector', 'aria-label': 'detector' },
      el('option', { value: '' }, 'every detector'), DETECTORS.map((d) => el('option', { value: d }, d))),
    severity: el('select', { id: 'filter-severity', 'aria-label': 'least severity' },
      el('option', { value: '' }, 'any severity'), SEVERITIES.map((s) => el('option', { value: s }, `${s} or worse`))),
    site: el('input', { id: 'filter-site', placeholder: 'site', size: 10, 'aria-label': 'site' }),
    host: el('input', { id: 'filter-host', placeholder: 'host IP', size: 16, 'aria-label': 'host' }),
  };
  const form = el('form', { id: 'timeline-filters', class: 'filters' },
    fields.detector, fields.severity, fields.site, fields.host,
    el('button', { id: 'filter-apply', type: 'submit' }, 'Filter'),
    el('button', { id: 'filter-clear', type: 'button', class: 'secondary', onclick: () => {
      Object.values(fields).forEach((f) => { f.value = ''; });
      form.requestSubmit();
    } }, 'Clear'),
    count);
  const fill = () => {
    show(body, anomalies.map(row));
    count.textContent = `${anomalies.length} anomal${anomalies.length === 1 ? 'y' : 'ies'}`;
  };
  show(view,
    el('h1', {}, 'Anomalies ', live),
    form,
    problem,
    chartBox,
    el('table', { id: 'anomalies-table' },
      el('thead', {}, el('tr', {}, ['Start', 'Host', 'Detector', 'Severity', 'Score', 'Summary'].map((t) => el('th', {}, t)))),
      body));
  fill();
  const chart = timelineChart(chartBox, anomalies);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const wanted = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.value.trim()]));
    try {
      anomalies = await load(wanted);
      filter = wanted;
      show(problem);
    } catch (e) {
      show(problem, errorBox(e.message));
      return;
    }
    fill();
    chart.update(anomalies);
    form.dataset.loads = String(Number(form.dataset.loads || 0) + 1); // for tests and the curious
  });
  const stream = anomalyStream((a) => {
    if (!matches(filter, a)) return;
    anomalies.push(a);
    body.prepend(row(a));
    count.textContent = `${anomalies.length} anomal${anomalies.length === 1 ? 'y' : 'ies'}`;
    chart.update(anomalies);
  });
  stream.onopen = () => { live.textContent = '● live'; };
  stream.onerror = () => { live.textContent = 'live stream interrupted; retrying…'; };
  return () => {
    stream.close();
    chart.destroy();
  };
}

/** The newest anomalies the filter lets through, newest first (the API validates the values). */
async function load(filter) {
  const params = new URLSearchParams({ limit: String(LIMIT) });
  for (const [name, value] of Object.entries(filter)) {
    if (value) params.set(name, value);
  }
  return (await getJson(`/api/v1/anomalies?${params}`)).anomalies;
}

function matches(filter, a) {
  return (!filter.detector || a['rule.name'] === filter.detector)
    && (!filter.severity || SEVERITIES.indexOf(a['watchfloor.severity']) >= SEVERITIES.indexOf(filter.severity))
    && (!filter.site || a['watchfloor.site'] === filter.site)
    && (!filter.host || a['source.ip'] === filter.host);
}

function row(a) {
  const explanation = a['watchfloor.explanation'] || {};
  return el('tr', { 'data-detector': a['rule.name'], 'data-severity': a['watchfloor.severity'] },
    el('td', {}, time(a['@timestamp'])),
    el('td', {}, el('a', { href: `#/hosts/${encodeURIComponent(a['source.ip'])}` }, a['source.ip'])),
    el('td', {}, a['rule.name']),
    el('td', {}, a['watchfloor.severity']),
    el('td', { class: 'num' }, num(a['watchfloor.score'])),
    el('td', {}, explanation.summary || ''));
}
