// App-wide styles first: each stage's own CSS (stages/<stage>/<stage>.css, imported by its
// container through App.tsx) comes after them, and the print styles last.
import './styles/app.css';
import './styles/file-menu.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppClient } from './api/client.ts';
import { defaultProgress, defaultTransport, defaultUpload } from './api/transport.ts';
import { App } from './App.tsx';
import './styles/print.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App client={createAppClient(defaultTransport(), defaultUpload(), defaultProgress())} />
  </StrictMode>,
);
