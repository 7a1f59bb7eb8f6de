import { Route } from '@angular/router';

/**
 * The shell (`App`) renders the outlet only once the session is acknowledged, so every route
 * below may rely on `SessionStore.user()`.
 *
 * Seams for later work:
 * - the arm picker: two routes on `''`, each with a functional `canMatch` guard reading
 *   `SessionStore.variant()` (CONTROL → chat, TREATMENT → the VN view); the first navigation
 *   runs before the ack, so a guard should wait for it (e.g. `toObservable(store.user)` filtered
 *   to non-null, `take(1)`);
 * - a lazy `admin` route, placed before the `**` redirect.
 */
export const appRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    title: 'moodlobby',
    loadComponent: () => import('./chat/chat.component').then((m) => m.ChatComponent),
  },
  { path: '**', redirectTo: '' },
];
