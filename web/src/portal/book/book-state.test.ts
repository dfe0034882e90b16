import { describe, expect, it } from 'vitest';
import { bookSearch, flowFrom, hrefOf } from './book-state.ts';

const type = '11111111-1111-4111-8111-111111111111';
const provider = '22222222-2222-4222-8222-222222222222';
const location = '33333333-3333-4333-8333-333333333333';

describe('the booking flow’s place in the address', () => {
  it('keeps ids, a guide path, a modality and an instant; drops anything else', () => {
    expect(
      bookSearch({
        type,
        modality: 'telehealth',
        path: '1.0.1',
        provider,
        location,
        start: '2027-03-08T14:00:00-05:00',
        name: 'Pat Patient',
        email: 'pat@example.org',
      }),
    ).toEqual({
      type,
      modality: 'telehealth',
      path: '1.0.1',
      provider,
      location,
      start: '2027-03-08T19:00:00.000Z',
    });
    expect(bookSearch({ type: 'Pat', modality: 'fax', start: 'soon' })).toEqual({});
  });

  it('comes back from sign-in to the chosen time, or to "where" with only a type', () => {
    const back = flowFrom(
      bookSearch({ type, modality: 'in_person', provider, location, start: '2027-03-08T19:00Z' }),
    );
    expect(back.step).toBe('identify');
    expect(back.slot).toMatchObject({ providerId: provider, locationId: location });
    expect(flowFrom({ type, modality: 'in_person' }).step).toBe('where');
    expect(flowFrom({}).step).toBe('need');
  });

  it('writes the place back as the same address', () => {
    const flow = flowFrom(
      bookSearch({ type, modality: 'in_person', provider, location, start: '2027-03-08T19:00Z' }),
    );
    const href = hrefOf(flow);
    const again = bookSearch(Object.fromEntries(new URL(href, 'http://x').searchParams));
    expect(flowFrom(again)).toEqual(flow);
  });
});
