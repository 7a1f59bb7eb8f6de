import { TestBed } from '@angular/core/testing';
import type { ConnectionStatus } from '../../lobby/data-access/socket.service';
import { ConnectionIndicatorComponent } from './connection-indicator.component';

describe('ConnectionIndicatorComponent', () => {
  it.each<[ConnectionStatus, string]>([
    ['connecting', 'Connecting…'],
    ['connected', 'Connected'],
    ['reconnecting', 'Reconnecting…'],
    ['disconnected', 'Offline'],
  ])('shows %s as "%s" in a polite live region', async (status, label) => {
    const fixture = TestBed.createComponent(ConnectionIndicatorComponent);
    fixture.componentRef.setInput('status', status);
    await fixture.whenStable();

    const el = fixture.nativeElement.querySelector('[data-testid="connection-status"]') as HTMLElement;
    expect(el.dataset['state']).toBe(status);
    expect(el.textContent?.trim()).toBe(label);
    expect(el.getAttribute('aria-live')).toBe('polite');
  });

  it('follows status changes', async () => {
    const fixture = TestBed.createComponent(ConnectionIndicatorComponent);
    fixture.componentRef.setInput('status', 'connected');
    await fixture.whenStable();
    fixture.componentRef.setInput('status', 'reconnecting');
    await fixture.whenStable();

    const el = fixture.nativeElement.querySelector('[data-testid="connection-status"]') as HTMLElement;
    expect(el.dataset['state']).toBe('reconnecting');
  });
});
