import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { validatorContainer } from './validation';

@Injectable()
class Limit {
  readonly max = 7;
}

/** A constraint Nest provides, because it injects something. */
@Injectable()
class ProvidedConstraint {
  constructor(readonly limit: Limit) {}
}

/** A constraint that is not `@Injectable()` (class-validator's own, or a DTO's plain one). */
class PlainConstraint {
  readonly made = true;
}

describe('validatorContainer', () => {
  it('takes @Injectable constraints from Nest and makes the rest itself, deciding once per class', async () => {
    const app = await Test.createTestingModule({ providers: [Limit, ProvidedConstraint] }).compile();
    const get = jest.spyOn(app, 'get');
    const container = validatorContainer(app);

    const provided = container.get(ProvidedConstraint);
    expect(provided).toBe(app.get(ProvidedConstraint));
    expect(provided.limit.max).toBe(7);

    const plain = container.get(PlainConstraint);
    expect(plain).toBeInstanceOf(PlainConstraint);
    get.mockClear();
    for (let i = 0; i < 3; i++) {
      expect(container.get(PlainConstraint)).toBe(plain);
      expect(container.get(ProvidedConstraint)).toBe(provided);
    }
    expect(get).not.toHaveBeenCalled();
    await app.close();
  });
});
