// The dashboard's router: #/login, #/hosts, #/hosts/<ip>, #/anomalies. Every view but login needs a token.
import { logout, token } from './api.js';
import { errorBox, show } from './dom.js';
import { renderLogin } from './login.js';
import { renderHosts } from './hosts.js';
import { renderHost } from './host.js';
import { renderAnomalies } from './anomalies.js';

const view = document.getElementById('view');
const nav = document.getElementById('nav');
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
  const host = hash.match(/^#\/hosts\/([^/]+)$/);
  let rendered;
  if (hash === '#/login') rendered = renderLogin(view);
  else if (host) rendered = renderHost(view, decodeURIComponent(host[1]));
  else if (hash === '#/anomalies') rendered = renderAnomalies(view);
  else rendered = renderHosts(view);
  Promise.resolve(rendered)
    .then((leave) => { if (typeof leave === 'function') leaveView = leave; })
    .catch((e) => { if (e.status !== 401) show(view, errorBox(e.message)); });
}

document.getElementById('logout').addEventListener('click', () => {
  logout();
  location.hash = '#/login';
});
window.addEventListener('hashchange', route);
route();
