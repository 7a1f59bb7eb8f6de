import { InMemoryPresenceStore } from './presence.store';

describe('InMemoryPresenceStore', () => {
  it('lists a user once however many sockets they have, until the last one goes', async () => {
    const store = new InMemoryPresenceStore();
    await store.add('s1', { id: 'u1', nickname: 'Zed' });
    await store.add('s2', { id: 'u1', nickname: 'Zed' });
    await store.add('s3', { id: 'u2', nickname: 'Amy' });

    expect(await store.list()).toEqual([
      { id: 'u2', nickname: 'Amy' },
      { id: 'u1', nickname: 'Zed' },
    ]);
    expect(await store.remove('s1', 'u1')).toBe(false);
    expect((await store.list()).map((u) => u.id)).toEqual(['u2', 'u1']);
    expect(await store.remove('s2', 'u1')).toBe(true);
    expect(await store.list()).toEqual([{ id: 'u2', nickname: 'Amy' }]);
    expect([...(await store.isOnline(['u1', 'u2']))]).toEqual(['u2']);
  });

  it('takes the latest nickname and ignores unknown sockets', async () => {
    const store = new InMemoryPresenceStore();
    await store.add('s1', { id: 'u1', nickname: 'Old' });
    await store.add('s2', { id: 'u1', nickname: 'New' });
    expect(await store.list()).toEqual([{ id: 'u1', nickname: 'New' }]);
    expect(await store.remove('nope', 'u1')).toBe(false);
    expect(await store.remove('s1', 'nobody')).toBe(false);
  });
});
