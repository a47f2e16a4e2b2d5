import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './book/App';
// Applies the saved or system theme to <html> and keeps following the OS setting.
import './book/themeStore';
import './styles/index.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
