import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  ElementRef,
  afterRenderEffect,
  inject,
  input,
  model,
  untracked,
  viewChild,
} from '@angular/core';

/** Below this width the side panels (online list, backlog) become drawers. */
export const DRAWER_BREAKPOINT = '48rem';

/**
 * A side panel that stays in the layout on wide screens and becomes a drawer on narrow ones
 * (phones): hidden (and out of the tab order) until opened by a button marked `[mlOpens]`, then
 * sliding in over the view with a Close button; Escape or a tap beside it closes it. Opening
 * moves focus into it, closing gives it back to the button that opened it.
 */
@Component({
  selector: 'ml-drawer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.open]': 'open()', '(keydown.escape)': 'onEscape($event)' },
  template: `
    <div class="scrim" aria-hidden="true" (click)="close()"></div>
    <div #panel class="panel" tabindex="-1" [id]="panelId()" [attr.aria-label]="label()" role="region">
      <button type="button" class="close" data-testid="drawer-close" (click)="close()">Close</button>
      <ng-content />
    </div>
  `,
  styles: `
    :host {
      display: block;
      min-height: 0;
    }
    .panel {
      height: 100%;
      min-height: 0;
    }
    .panel:focus {
      outline: none;
    }
    .scrim,
    .close {
      display: none;
    }
    @media (max-width: 48rem) {
      :host {
        position: fixed;
        inset: 0;
        z-index: 20;
        visibility: hidden;
        pointer-events: none;
        padding: 0 !important;
        background: none !important;
      }
      :host(.open) {
        visibility: visible;
        pointer-events: auto;
      }
      .scrim {
        display: block;
        position: absolute;
        inset: 0;
        background: rgb(10 10 20 / 0.45);
      }
      .panel {
        position: absolute;
        top: 0;
        right: 0;
        bottom: 0;
        display: grid;
        grid-template-rows: auto minmax(0, 1fr);
        gap: 0.5rem;
        width: min(88vw, 22rem);
        padding: 0.75rem 1rem 1rem;
        background: var(--surface);
        box-shadow: var(--shadow);
        transform: translateX(100%);
        transition: transform 0.2s ease-out;
      }
      :host(.open) .panel {
        transform: none;
      }
      .close {
        display: inline-block;
        justify-self: end;
        padding: 0.35rem 0.8rem;
        border: 1px solid var(--border);
        border-radius: var(--radius);
        background: var(--surface-2);
        cursor: pointer;
      }
    }
  `,
})
export class DrawerComponent {
  readonly open = model(false);
  /** The panel's element id (its opener's `aria-controls`). */
  readonly panelId = input.required<string>();
  /** What the panel is, for assistive technology ("People online"). */
  readonly label = input.required<string>();

  private readonly panel = viewChild.required<ElementRef<HTMLElement>>('panel');
  private opener: HTMLElement | null = null;

  constructor() {
    let wasOpen = false;
    afterRenderEffect({
      write: () => {
        const open = this.open();
        if (open && !wasOpen) untracked(() => this.panel().nativeElement.focus());
        wasOpen = open;
      },
    });
  }

  show(opener: HTMLElement): void {
    this.opener = opener;
    this.open.set(true);
  }

  /** Closes the drawer and gives focus back to the button that opened it. */
  close(): void {
    if (!this.open()) return;
    this.open.set(false);
    this.opener?.focus();
  }

  protected onEscape(event: Event): void {
    if (!this.open()) return;
    event.stopPropagation();
    this.close();
  }
}

/** Makes a button the opener of a drawer: `<button mlOpens [drawer]="people">`. */
@Directive({
  selector: 'button[mlOpens]',
  host: {
    type: 'button',
    '[attr.aria-controls]': 'drawer().panelId()',
    '[attr.aria-expanded]': 'drawer().open()',
    '(click)': 'drawer().show(element)',
  },
})
export class OpensDrawerDirective {
  readonly drawer = input.required<DrawerComponent>();
  protected readonly element = inject<ElementRef<HTMLButtonElement>>(ElementRef).nativeElement;
}
