import { ComponentFixture, TestBed } from '@angular/core/testing';
import { AccountMenuComponent } from './account-menu.component';

describe('AccountMenuComponent', () => {
  let fixture: ComponentFixture<AccountMenuComponent>;
  let renamed: string[];
  let signedOut: number;

  const root = () => fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => root().querySelector(`[data-testid="${id}"]`) as T | null;

  async function openPanel(): Promise<void> {
    byTestId('account-button')?.click();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    fixture = TestBed.createComponent(AccountMenuComponent);
    fixture.componentRef.setInput('nickname', 'Ada');
    renamed = [];
    signedOut = 0;
    fixture.componentInstance.rename.subscribe((n) => renamed.push(n));
    fixture.componentInstance.signOut.subscribe(() => signedOut++);
    await fixture.whenStable();
  });

  it('opens on the button with the current name to edit, and sends the new one', async () => {
    expect(byTestId('account-panel')).toBeNull();
    await openPanel();

    expect(byTestId('account-button')?.getAttribute('aria-expanded')).toBe('true');
    const input = byTestId<HTMLInputElement>('rename-input') as HTMLInputElement;
    expect(input.value).toBe('Ada');
    input.value = 'Ada Lovelace';
    input.dispatchEvent(new Event('input'));
    byTestId('rename-button')?.click();
    await fixture.whenStable();

    expect(renamed).toEqual(['Ada Lovelace']);
  });

  it('shows why a rename was refused', async () => {
    fixture.componentRef.setInput('errors', ['You changed your name a moment ago: try again in 42 s.']);
    await openPanel();

    expect(byTestId('rename-errors')?.textContent).toContain('try again in 42 s');
    expect(byTestId('rename-input')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('warns that unsent messages would be dropped, and signs out on request', async () => {
    fixture.componentRef.setInput('unsent', 2);
    await openPanel();

    expect(byTestId('sign-out-unsent')?.textContent).toContain('2 messages are still waiting to be sent');
    byTestId('sign-out-button')?.click();
    expect(signedOut).toBe(1);
  });

  it('closes on Escape and gives focus back to its button', async () => {
    await openPanel();
    byTestId('rename-input')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await fixture.whenStable();

    expect(byTestId('account-panel')).toBeNull();
    expect(document.activeElement).toBe(byTestId('account-button'));
  });
});
