import { Injectable, signal } from '@angular/core';
import type { Mood } from '@moodlobby/shared';

/**
 * Where the VN art is looked up (relative to the app's base href; `apps/web/public/assets/vn/`
 * in the repository, see the README there). No art is bundled: a missing file is normal, and
 * the view draws a placeholder instead. Adding files needs no code change.
 */
export const VN_ASSET_ROOT = 'assets/vn';

/** `assets/vn/backgrounds/<mood>-<n>.webp`, `background` being a scene's `<mood>-<n>`. */
export function backgroundUrl(background: string): string {
  return `${VN_ASSET_ROOT}/backgrounds/${background}.webp`;
}

/** `assets/vn/characters/<look>/<mood>.webp`, `look` being `look-0` … `look-7`. */
export function characterUrl(look: string, expression: Mood): string {
  return `${VN_ASSET_ROOT}/characters/${look}/${expression}.webp`;
}

/**
 * Remembers, for the life of the page, which asset URLs failed to load, so each missing file is
 * requested once at most. A reload asks again (so files added meanwhile show up).
 */
@Injectable({ providedIn: 'root' })
export class VnAssetRegistry {
  private readonly broken = signal<ReadonlySet<string>>(new Set());

  /** The URL to try, or null when it is known to fail (draw the placeholder, request nothing). */
  usable(url: string): string | null {
    return this.broken().has(url) ? null : url;
  }

  markBroken(url: string): void {
    if (this.broken().has(url)) return;
    this.broken.update((urls) => new Set(urls).add(url));
  }
}
