/** The renderer's entry: translations, the store's read-only view for e2e tests, and the React root. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import './styles.css';
import { useStore } from './store';

initI18n();
// Read-only view of the store's data (no actions) so e2e tests can prove what the renderer holds.
Object.defineProperty(window, '__guichetState', {
  value: () => JSON.parse(JSON.stringify(useStore.getState())) as unknown,
});
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
