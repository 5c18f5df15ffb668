// One anomaly as a card: what was seen, why it is unusual, its evidence, and the analyst's actions.
import { download, postJson } from './api.js';
import { el, errorBox, num, show, time } from './dom.js';

export function anomalyCard(a) {
  const id = a['watchfloor.anomaly_id'];
  const explanation = a['watchfloor.explanation'] || {};
  return el('article', { class: `anomaly severity-${a['watchfloor.severity']}`, 'data-anomaly': id },
    el('h3', {}, `${a['rule.name']} · ${a['watchfloor.severity']} · score ${num(a['watchfloor.score'])}`),
    el('p', { class: 'muted' }, `${time(a['event.start'])} – ${time(a['event.end'])} · segment ${a['watchfloor.segment']}`),
    el('div', { class: 'explanation' },
      el('p', { class: 'summary' }, explanation.summary || 'No explanation.'),
      topFeatures(explanation.top_features || []),
      evidence(explanation.evidence || {})),
    actions(id));
}

function topFeatures(features) {
  if (features.length === 0) return null;
  return el('table', { class: 'top-features' },
    el('thead', {}, el('tr', {}, ['Feature', 'Observed', 'Baseline mean', 'Baseline sd', 'z'].map((t) => el('th', {}, t)))),
    el('tbody', {}, features.map((f) => el('tr', {},
      el('td', {}, f.feature), el('td', { class: 'num' }, num(f.observed)), el('td', { class: 'num' }, num(f.baseline_mean)),
      el('td', { class: 'num' }, num(f.baseline_sd)), el('td', { class: 'num' }, num(f.z))))));
}

function evidence(facts) {
  const entries = Object.entries(facts);
  if (entries.length === 0) return null;
  return el('dl', { class: 'evidence' }, entries.map(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))]));
}

function actions(id) {
  const status = el('div', { class: 'action-status', 'aria-live': 'polite' });
  const comment = el('input', { class: 'feedback-comment', type: 'text', placeholder: 'comment (optional)',
    'aria-label': 'feedback comment' });
  const feedback = (verdict) => async () => {
    show(status, el('p', { class: 'muted' }, 'Sending feedback…'));
    try {
      await postJson(`/api/v1/anomalies/${id}/feedback`, { verdict, comment: comment.value });
      show(status, el('p', { class: 'ok feedback-status' }, `Feedback recorded: ${verdict.replace('_', ' ')}.`));
    } catch (e) {
      show(status, el('p', { class: 'error feedback-status', role: 'alert' },
        `Feedback not accepted (${e.status}): ${e.message}`));
    }
  };
  const pcap = async () => {
    try {
      const bytes = await download(`/api/v1/anomalies/${id}/pcap`, `${id}.pcap`);
      show(status, el('p', { class: 'ok' }, `Saved ${id}.pcap (${bytes} bytes).`));
    } catch (e) {
      show(status, errorBox(`Packets not available (${e.status}): ${e.message}`));
    }
  };
  return el('div', { class: 'actions' },
    el('button', { type: 'button', class: 'pcap', onclick: pcap }, 'Download pcap'),
    el('button', { type: 'button', class: 'feedback-true-positive', onclick: feedback('true_positive') }, 'True positive'),
    el('button', { type: 'button', class: 'feedback-false-positive', onclick: feedback('false_positive') }, 'False positive'),
    comment,
    status);
}
