/** The route tree (TanStack Router, code-based). The mapping builder loads on its own route. */
import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from '@tanstack/react-router';
import { tokenStore } from './api/client';
import { Layout } from './layout';
import { AuditPage } from './pages/audit';
import { InstallPage } from './pages/install';
import { IntegrationPage } from './pages/integration';
import { IntegrationsPage } from './pages/integrations';
import { LivePage } from './pages/live';
import { OverviewPage } from './pages/overview';
import { PipelinePage, PipelinesPage } from './pages/pipelines';
import { SignInPage } from './pages/sign-in';
import { SourcesPage } from './pages/sources';
import { TokensPage } from './pages/tokens';

const rootRoute = createRootRoute();
const signIn = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  component: SignInPage,
});
const app = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  component: Layout,
  beforeLoad: ({ location }) => {
    if (!tokenStore.get()) throw redirect({ to: '/sign-in', search: { next: location.href } });
  },
});

const tabSearch = (search: Record<string, unknown>) => ({
  tab: typeof search.tab === 'string' ? search.tab : undefined,
});

const routeTree = rootRoute.addChildren([
  signIn,
  app.addChildren([
    createRoute({ getParentRoute: () => app, path: '/', component: OverviewPage }),
    createRoute({
      getParentRoute: () => app,
      path: '/integrations',
      component: IntegrationsPage,
      validateSearch: tabSearch,
    }),
    createRoute({ getParentRoute: () => app, path: '/library/$vendor', component: InstallPage }),
    createRoute({
      getParentRoute: () => app,
      path: '/integrations/$id',
      component: IntegrationPage,
      validateSearch: tabSearch,
    }),
    createRoute({
      getParentRoute: () => app,
      path: '/integrations/$id/mapping',
      component: lazyRouteComponent(() => import('./mapping/builder'), 'MappingBuilderPage'),
    }),
    createRoute({ getParentRoute: () => app, path: '/pipelines', component: PipelinesPage }),
    createRoute({ getParentRoute: () => app, path: '/pipelines/$pid', component: PipelinePage }),
    createRoute({ getParentRoute: () => app, path: '/sources', component: SourcesPage }),
    createRoute({ getParentRoute: () => app, path: '/live', component: LivePage }),
    createRoute({ getParentRoute: () => app, path: '/audit', component: AuditPage }),
    createRoute({ getParentRoute: () => app, path: '/tokens', component: TokensPage }),
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
