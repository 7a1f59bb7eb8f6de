import { Route } from '@angular/router';
import { isControl, isTreatment } from './experiment/experiment.guards';

/**
 * The lobby is one URL, `/`, with one view per experiment arm: two routes on `''` whose
 * `canMatch` guards let exactly one of them match (the arm comes from `session:ack` only).
 * Every other path (`/chat`, `/vn`, anything unknown) redirects to `''`, so typing the other
 * arm's URL lands on the assigned view. Each view is its own lazy chunk.
 *
 * The shell (`App`) renders the outlet only once the session is acknowledged; the guards wait
 * for the acknowledged user too, so the first navigation (which runs before the ack) is correct
 * whichever comes first.
 */
export const appRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    title: 'moodlobby',
    canMatch: [isTreatment],
    loadComponent: () => import('./vn/vn.component').then((m) => m.VnComponent),
  },
  {
    path: '',
    pathMatch: 'full',
    title: 'moodlobby',
    canMatch: [isControl],
    loadComponent: () => import('./chat/chat.component').then((m) => m.ChatComponent),
  },
  {
    // Not linked from the lobby; works without joining it (the shell renders it directly).
    path: 'admin',
    loadChildren: () => import('./admin/admin.routes').then((m) => m.adminRoutes),
  },

  { path: '**', redirectTo: '' },
];
