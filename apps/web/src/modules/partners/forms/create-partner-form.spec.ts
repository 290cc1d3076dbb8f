import { describe, expect, it } from 'vitest';
import {
  PARENT_REQUIRED_MESSAGE,
  createPartnerFormSchema,
  emptyCreatePartnerValues,
  toCreatePartnerInput,
} from './create-partner-form';

const messagesOf = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));

describe('createPartnerFormSchema', () => {
  it('asks partner staff for the parent together with every other problem', () => {
    const result = createPartnerFormSchema({ parentRequired: true }).safeParse(emptyCreatePartnerValues());
    expect(messagesOf(result)).toMatchObject({
      parentId: PARENT_REQUIRED_MESSAGE,
      role: expect.any(String),
      'profile.name': expect.any(String),
    });
  });

  it('lets principal staff leave the parent empty for a top-level partner', () => {
    const result = createPartnerFormSchema({ parentRequired: false }).safeParse({
      ...emptyCreatePartnerValues({ role: 'OEM' }),
      profile: { ...emptyCreatePartnerValues().profile, name: 'Nordlicht Vehicles' },
    });
    expect(result.success).toBe(true);
  });
});

describe('toCreatePartnerInput', () => {
  it('sends the normalized values as the API reads them', () => {
    const values = createPartnerFormSchema({ parentRequired: false }).parse({
      ...emptyCreatePartnerValues({ role: 'DEALER', parentId: 'p-berlin' }),
      partnerId: ' vez9a ',
      profile: {
        ...emptyCreatePartnerValues().profile,
        name: ' Spree Cars ',
        email: 'Info@Spree.example',
        vatPercent: '7,7',
      },
      agreement: { deposit: '1 500,5', currency: 'eur', additionalCurrencies: [], accountType: 'POSTPAID' },
      allowJobOverride: true,
    });
    expect(toCreatePartnerInput(values)).toEqual({
      role: 'DEALER',
      parentId: 'p-berlin',
      partnerId: 'VEZ9A',
      profile: { name: 'Spree Cars', email: 'info@spree.example', vatPercent: '7.7' },
      agreement: { deposit: '1500.50', currency: 'EUR', additionalCurrencies: [], accountType: 'POSTPAID' },
      // only service partners carry the job-override setting
      allowJobOverride: false,
    });
  });
});
