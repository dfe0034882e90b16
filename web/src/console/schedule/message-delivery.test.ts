import { describe, expect, it } from 'vitest';
import { shownDelivery } from './message-delivery.ts';

describe('the delivery state the message log names', () => {
  it('names final answers and lost claims, and stays silent on the steps between', () => {
    expect(shownDelivery('unconfirmed')).toBe('unconfirmed');
    expect(shownDelivery('undelivered')).toBe('undelivered');
    expect(shownDelivery('delivered')).toBe('delivered');
    expect(shownDelivery('accepted')).toBeNull();
    expect(shownDelivery('queued')).toBeNull();
    expect(shownDelivery(null)).toBeNull();
  });
});
