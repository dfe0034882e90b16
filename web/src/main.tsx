import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import './styles/base.css';
import './styles/components.css';

// The first render as a transition: React yields to the browser every few milliseconds instead
// of holding the main thread for the whole tree (a phone stays responsive while the app starts).
startTransition(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
