import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { Route } from '@angular/router';
import { adminAuthInterceptor } from './data-access/admin-auth.interceptor';
import { AdminComponent } from './admin.component';

/**
 * The admin feature, loaded lazily by `loadChildren` (so HttpClient and Chart.js stay out of the
 * initial bundle). `HttpClient` with the bearer-token interceptor is provided here, on the route,
 * so the app config needs no change.
 */
export const adminRoutes: Route[] = [
  {
    path: '',
    title: 'moodlobby · admin',
    providers: [provideHttpClient(withInterceptors([adminAuthInterceptor]))],
    component: AdminComponent,
  },
];
