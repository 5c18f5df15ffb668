// Charts drawn with uPlot (MIT, from the npm registry at build time; see /ui/uPlot-LICENSE.txt).
import uPlot from './uPlot.esm.js';

const WIDTH = 720;

// Feature values span counts to bytes: plot log10(1 + v) and label the axis in real units.
const toLog = (v) => Math.log10(1 + Math.max(0, v));
const fromLog = (v) => Math.pow(10, v) - 1;
const compact = (real) => (real >= 1000 ? real.toExponential(1) : String(Math.round(real * 10) / 10));
const label = (v) => compact(fromLog(v));
// Axis ticks fall on whole powers of ten; 10^v reads better there than 10^v − 1.
const tick = (v) => (v >= 1 ? compact(Math.pow(10, v)) : label(v));

/**
 * One host window against its baseline, feature by feature: the observed value as a dot, the
 * baseline mean as a line and mean ± one standard deviation as a band.
 */
export function featureChart(parent, features) {
  const names = features.map((f) => f.feature);
  const x = names.map((_, i) => i);
  const data = [
    x,
    features.map((f) => toLog(f.baseline_mean + f.baseline_sd)),
    features.map((f) => toLog(f.baseline_mean)),
    features.map((f) => toLog(f.baseline_mean - f.baseline_sd)),
    features.map((f) => toLog(f.observed)),
  ];
  const options = {
    width: WIDTH,
    height: 300,
    scales: { x: { time: false, range: [-0.5, names.length - 0.5] } },
    axes: [
      // One tick per feature, whatever the width (space: the least pixels between ticks).
      { values: (u, ticks) => ticks.map((t) => names[t] ?? ''), incrs: [1], space: 8, rotate: -45, size: 120,
        gap: 2, font: '11px sans-serif' },
      { values: (u, ticks) => ticks.map(tick), size: 60 },
    ],
    series: [
      { label: 'feature', value: (u, i) => (i == null ? '' : names[i]) },
      { label: 'baseline + sd', stroke: 'rgba(60,120,200,0.4)', value: (u, v) => label(v) },
      { label: 'baseline mean', stroke: '#3c78c8', width: 2, value: (u, v) => label(v) },
      { label: 'baseline − sd', stroke: 'rgba(60,120,200,0.4)', value: (u, v) => label(v) },
      { label: 'observed', stroke: '#d9480f', width: 0, points: { show: true, size: 9, fill: '#d9480f' },
        value: (u, v) => label(v) },
    ],
    bands: [{ series: [1, 3], fill: 'rgba(60,120,200,0.15)' }],
  };
  return new uPlot(options, data, parent);
}

/** Anomalies over time: one dot per anomaly at its window start, height = score. */
export function timelineChart(parent, anomalies) {
  const chart = new uPlot({
    width: WIDTH,
    height: 200,
    series: [{}, { label: 'score', stroke: '#d9480f', width: 0, points: { show: true, size: 7, fill: '#d9480f' } }],
    scales: { y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
  }, timelineData(anomalies), parent);
  return {
    update(all) { chart.setData(timelineData(all)); },
    destroy() { chart.destroy(); },
  };
}

function timelineData(anomalies) {
  const sorted = [...anomalies].sort((a, b) => Date.parse(a['@timestamp']) - Date.parse(b['@timestamp']));
  return [sorted.map((a) => Date.parse(a['@timestamp']) / 1000), sorted.map((a) => a['watchfloor.score'])];
}
