// Login: the user pastes an API token; it is checked against the API and kept for this tab only.
import { getJson, login, logout } from './api.js';
import { el, errorBox, show } from './dom.js';

export function renderLogin(view) {
  const input = el('input', { id: 'token', type: 'password', autocomplete: 'off', required: true,
    placeholder: 'wf_…', 'aria-label': 'API token' });
  const status = el('div', { class: 'status' });
  const form = el('form', { class: 'login', onsubmit: async (event) => {
    event.preventDefault();
    login(input.value);
    try {
      await getJson('/api/v1/hosts?limit=1');
      location.hash = '#/hosts';
    } catch (e) {
      logout();
      show(status, errorBox(e.status === 401 ? 'This token is not valid.' : e.message));
    }
  } },
  el('h1', {}, 'Log in'),
  el('p', {}, 'Paste an API token. A node without configured tokens prints one when it starts.'),
  input,
  el('button', { id: 'login-button', type: 'submit' }, 'Log in'),
  status);
  show(view, form);
  input.focus();
}
