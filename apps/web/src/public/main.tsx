import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './public.css';
import { PublicApp } from './PublicApp';

// The public directory's own entry: React and this folder only — no Mantine, no router, no staff code.
const container = document.getElementById('root');
if (!container) throw new Error('#root fehlt in angebote.html');

createRoot(container).render(
  <StrictMode>
    <PublicApp />
  </StrictMode>,
);
