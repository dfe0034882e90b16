import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ClinicHome } from './portal/clinic-home.tsx';
import { t } from './i18n/i18n.ts';
import './styles.css';

function App() {
  return (
    <>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
      </header>
      <main>
        <ClinicHome />
      </main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
