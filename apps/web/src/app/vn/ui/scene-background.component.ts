import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output } from '@angular/core';
import { DEFAULT_MOOD, isMood } from '@moodlobby/shared';

interface Layer {
  background: string;
  mood: string;
  pattern: number;
  src: string | null;
}

/**
 * The stage backdrop. Shows the art at `src` once it has loaded; until then, and for good when
 * it fails, a painted placeholder: a palette per mood, a pattern per background index (a sky
 * with hills, a room with a window, evening lights). A new background cross-fades in.
 */
@Component({
  selector: 'ml-scene-background',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'aria-hidden': 'true' },
  template: `
    <div
      class="frame"
      data-testid="vn-background"
      [attr.data-background]="background()"
      [attr.data-source]="loaded() ? 'image' : 'placeholder'"
    >
      @for (layer of layers(); track layer.background) {
        <div class="layer" [attr.data-mood]="layer.mood" [attr.data-pattern]="layer.pattern" animate.leave="leaving">
          <div class="paint"></div>
          @if (layer.src) {
            <img
              class="art"
              alt=""
              decoding="async"
              [class.shown]="loaded()"
              [src]="layer.src"
              (load)="loaded.set(true)"
              (error)="onError(layer.src)"
            />
          }
        </div>
      }
    </div>
  `,
  styleUrl: './scene-background.component.css',
})
export class SceneBackgroundComponent {
  /** `<mood>-<n>`, as picked by `selectScene`. */
  readonly background = input.required<string>();
  /** The art to try; null draws the placeholder without a request. */
  readonly src = input<string | null>(null);
  /** The art at this URL failed to load. */
  readonly broken = output<string>();

  protected readonly layers = computed<Layer[]>(() => {
    const background = this.background();
    const [, mood = DEFAULT_MOOD, index = '1'] = /^(.+)-(\d+)$/.exec(background) ?? [];
    return [{ background, mood: isMood(mood) ? mood : DEFAULT_MOOD, pattern: ((Number(index) - 1) % 3) + 1, src: this.src() }];
  });

  /** The current art has loaded (reset whenever the background or its source changes). */
  protected readonly loaded = linkedSignal({ source: () => this.layers()[0], computation: () => false });

  protected onError(src: string): void {
    this.loaded.set(false);
    this.broken.emit(src);
  }
}
