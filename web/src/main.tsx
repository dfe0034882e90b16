import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { IntakePage } from './intake/intake-page.tsx';
import { ClinicHome } from './portal/clinic-home.tsx';
import { t } from './i18n/i18n.ts';
import { pageFor, usePath } from './router.ts';
import './styles.css';

function App() {
  const page = pageFor(usePath());
  return (
    <>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
      </header>
      <main>
        {page.name === 'intake' ? (
          <IntakePage appointmentType={page.appointmentType} />
        ) : (
          <ClinicHome />
        )}
      </main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
