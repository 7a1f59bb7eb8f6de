import { ComponentFixture, TestBed } from '@angular/core/testing';
import { NicknameFormComponent } from './nickname-form.component';

describe('NicknameFormComponent', () => {
  let fixture: ComponentFixture<NicknameFormComponent>;
  let joined: string[];

  const input = () => fixture.nativeElement.querySelector('[data-testid="nickname-input"]') as HTMLInputElement;
  const button = () => fixture.nativeElement.querySelector('[data-testid="join-button"]') as HTMLButtonElement;
  const errors = () =>
    Array.from(fixture.nativeElement.querySelectorAll('#nickname-errors li') as NodeListOf<HTMLElement>).map((li) =>
      li.textContent?.trim(),
    );

  async function type(value: string): Promise<void> {
    input().value = value;
    input().dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  async function submit(): Promise<void> {
    button().click();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    fixture = TestBed.createComponent(NicknameFormComponent);
    joined = [];
    fixture.componentInstance.join.subscribe((n) => joined.push(n));
    await fixture.whenStable();
  });

  it('asks for a nickname when submitted empty and does not join', async () => {
    await type('   ');
    await submit();

    expect(errors()).toEqual(['Please enter a nickname.']);
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(joined).toEqual([]);
  });

  it('refuses nicknames over the limit, counting the trimmed text', async () => {
    await type(`  ${'a'.repeat(32)}  `);
    await submit();
    expect(joined).toEqual(['a'.repeat(32)]);

    await type('🙂'.repeat(32)); // 32 characters, as the server counts them
    await submit();
    expect(joined).toEqual(['a'.repeat(32), '🙂'.repeat(32)]);

    await type('a'.repeat(33));
    await submit();
    expect(errors()).toEqual(['Keep it to 32 characters or fewer (now 33).']);
    expect(joined).toHaveLength(2);
  });

  it('refuses control characters', async () => {
    await type('bad\tname');
    await submit();

    expect(errors()).toEqual([expect.stringContaining('control characters')]);
    expect(joined).toEqual([]);
  });

  it('emits the trimmed nickname', async () => {
    await type('  Ada  ');
    await submit();

    expect(errors()).toEqual([]);
    expect(joined).toEqual(['Ada']);
  });

  it('shows the server reasons until the nickname is edited', async () => {
    fixture.componentRef.setInput('serverErrors', ['That nickname was not accepted.']);
    await fixture.whenStable();
    expect(errors()).toEqual(['That nickname was not accepted.']);

    await type('Ada2');
    expect(errors()).toEqual([]);
  });

  it('disables the button while joining', async () => {
    fixture.componentRef.setInput('busy', true);
    await fixture.whenStable();

    expect(button().disabled).toBe(true);
    expect(button().textContent?.trim()).toBe('Joining…');
  });
});
