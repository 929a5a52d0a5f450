import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { tokenStore } from './api/client';
import { router } from './routes';
import './styles.css';

// A first-run sign-in link carries the token in the fragment (never sent to a server): keep it, drop it from the address bar.
const fragment = new URLSearchParams(window.location.hash.slice(1));
const linked = fragment.get('token');
if (linked) {
  tokenStore.set(linked);
  history.replaceState(
    null,
    '',
    window.location.pathname === '/sign-in' ? '/' : window.location.pathname,
  );
}

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
