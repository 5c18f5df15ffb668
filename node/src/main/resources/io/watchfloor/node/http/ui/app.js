// The dashboard's router: #/login, #/hosts, #/hosts/<ip>, #/anomalies. Every view but login needs a token.
import { logout, token } from './api.js';
import { el, errorBox, show } from './dom.js';
import { renderLogin } from './login.js';
import { renderHosts } from './hosts.js';
import { renderHost } from './host.js';
import { renderAnomalies } from './anomalies.js';

const view = document.getElementById('view');
const nav = document.getElementById('nav');
let current = 0;
let leaveView = () => {};

function route() {
  leaveView();
  leaveView = () => {};
  const hash = location.hash || '#/hosts';
  if (!token() && hash !== '#/login') {
    location.hash = '#/login';
    return;
  }
  nav.hidden = !token();
  // Each view renders into its own element, so a slow view that finishes after the user moved on
  // draws into a detached element and is closed at once (its live stream included).
  const generation = ++current;
  const box = el('div');
  show(view, box);
  const host = hash.match(/^#\/hosts\/([^/]+)$/);
  let rendered;
  if (hash === '#/login') rendered = renderLogin(box);
  else if (host) rendered = renderHost(box, decodeURIComponent(host[1]));
  else if (hash === '#/anomalies') rendered = renderAnomalies(box);
  else rendered = renderHosts(box);
  Promise.resolve(rendered)
    .then((leave) => {
      if (typeof leave !== 'function') return;
      if (generation === current) leaveView = leave;
      else leave();
    })
    .catch((e) => { if (e.status !== 401) show(box, errorBox(e.message)); });
}

document.getElementById('logout').addEventListener('click', () => {
  logout();
  location.hash = '#/login';
});
window.addEventListener('hashchange', route);
route();
