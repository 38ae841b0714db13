import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppClient } from './api/client.ts';
import { defaultTransport, defaultUpload } from './api/transport.ts';
import { App } from './App.tsx';
import './styles/app.css';
import './styles/extraction.css';
import './styles/analyses.css';
import './styles/reports.css';
import './styles/file-menu.css';
import './styles/records.css';
import './styles/print.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App client={createAppClient(defaultTransport(), defaultUpload())} />
  </StrictMode>,
);
