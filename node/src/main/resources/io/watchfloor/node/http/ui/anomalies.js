// The anomaly timeline: recent anomalies of the site, and new ones as the node raises them.
import { anomalyStream, getJson } from './api.js';
import { el, num, show, time } from './dom.js';
import { timelineChart } from './charts.js';

export async function renderAnomalies(view) {
  show(view, el('h1', {}, 'Anomalies'), el('p', { class: 'muted' }, 'Loading…'));
  const page = await getJson('/api/v1/anomalies?limit=500');
  const anomalies = page.anomalies;
  const chartBox = el('div', { id: 'timeline-chart' });
  const live = el('span', { id: 'live', class: 'muted' }, 'connecting to the live stream…');
  const body = el('tbody', {}, anomalies.map(row));
  show(view,
    el('h1', {}, 'Anomalies ', live),
    chartBox,
    el('table', { id: 'anomalies-table' },
      el('thead', {}, el('tr', {}, ['Start', 'Host', 'Detector', 'Severity', 'Score', 'Summary'].map((t) => el('th', {}, t)))),
      body));
  const chart = timelineChart(chartBox, anomalies);
  const stream = anomalyStream((a) => {
    anomalies.push(a);
    body.prepend(row(a));
    chart.update(anomalies);
  });
  stream.onopen = () => { live.textContent = '● live'; };
  stream.onerror = () => { live.textContent = 'live stream interrupted; retrying…'; };
  return () => {
    stream.close();
    chart.destroy();
  };
}

function row(a) {
  const explanation = a['watchfloor.explanation'] || {};
  return el('tr', {},
    el('td', {}, time(a['@timestamp'])),
    el('td', {}, el('a', { href: `#/hosts/${encodeURIComponent(a['source.ip'])}` }, a['source.ip'])),
    el('td', {}, a['rule.name']),
    el('td', {}, a['watchfloor.severity']),
    el('td', { class: 'num' }, num(a['watchfloor.score'])),
    el('td', {}, explanation.summary || ''));
}
