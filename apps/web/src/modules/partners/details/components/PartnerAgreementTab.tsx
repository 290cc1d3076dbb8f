import { useMemo } from 'react';
import { Alert, App as AntApp, Button, Col, Descriptions, Form, Input, Row, Select, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import {
  ACCOUNT_TYPES,
  ACCOUNT_TYPE_LABELS,
  agreementFormValues,
  agreementSchema,
  formatAmount,
} from '@partner-hub/domain';
import type { Agreement, AgreementValues } from '@partner-hub/domain';
import { UpdatePartnerAgreementDocument } from '@partner-hub/graphql-client';
import type { PartnerDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../../shared/forms/FormField';
import { useVersionConflict } from '../../../shared/forms/use-version-conflict';
import { useMutationForm } from '../../../shared/forms/use-mutation-form';
import { withoutFieldPrefix } from '../forms/server-errors';

const AGREEMENT_FIELDS = ['deposit', 'currency', 'additionalCurrencies', 'accountType'] as const;

/** Currencies offered in the pickers; any other ISO 4217 code can be typed. */
const COMMON_CURRENCIES = [
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'PLN',
  'CZK',
  'SEK',
  'NOK',
  'DKK',
  'KZT',
  'RUB',
  'TRY',
  'AED',
  'CNY',
  'JPY',
];

export type PartnerAgreementTabProps = { partner: PartnerDetailsFieldsFragment };

function formValuesOf(partner: PartnerDetailsFieldsFragment): AgreementValues {
  const { agreement } = partner;
  return agreementFormValues({
    depositMinor: agreement.depositMinor,
    currency: agreement.currency,
    additionalCurrencies: [...agreement.additionalCurrencies],
    accountType: agreement.accountType,
  });
}

/** The partner's agreement: deposit, currencies and account type — the principal's to change, also after claiming. */
export function PartnerAgreementTab({ partner }: PartnerAgreementTabProps) {
  const { message } = AntApp.useApp();
  const [updateAgreement] = useMutation(UpdatePartnerAgreementDocument);
  const editable = partner.manageable;
  const {
    control,
    handleSubmit,
    setError,
    reset,
    getValues,
    setValue,
    formState: { isSubmitting, isDirty },
  } = useForm<AgreementValues, unknown, Agreement>({
    resolver: zodResolver(agreementSchema),
    defaultValues: formValuesOf(partner),
  });

  // the stored values are what the form shows; a new version (a reload after a conflict) shows them again
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const serverValues = useMemo(() => formValuesOf(partner), [partner.version, partner.agreement]);
  const conflict = useVersionConflict({ form: { getValues, reset, setValue }, serverValues, objectName: 'partner' });
  const { formError, submit } = useMutationForm({ setError, fields: AGREEMENT_FIELDS, conflict });

  const handleSave = handleSubmit((values) => {
    const agreement = {
      deposit: formatAmount(values.depositMinor, values.currency),
      currency: values.currency,
      additionalCurrencies: values.additionalCurrencies,
      accountType: values.accountType,
    };
    return submit(
      'PartnerSuccess',
      async () =>
        (await updateAgreement({ variables: { input: { id: partner.id, expectedVersion: partner.version, agreement } } })).data
          ?.updatePartnerAgreement,
      {
        onSuccess: () => void message.success('The agreement was saved.'),
        onRefusal: (refusal) => withoutFieldPrefix(refusal, 'agreement.'),
      },
    );
  });

  const currencyOptions = COMMON_CURRENCIES.map((code) => ({ value: code, label: code }));

  return (
    <Form
      layout="vertical"
      requiredMark={false}
      noValidate
      disabled={!editable}
      onFinish={() => void handleSave()}
      aria-label="Agreement"
      style={{ maxWidth: 880 }}
    >
      {editable ? null : (
        <Alert
          type="info"
          showIcon
          title="The agreement is set by the company you partner with; you can view it here."
          style={{ marginBottom: 16 }}
        />
      )}
      <ErrorResultAlert error={formError} />
      {conflict.dialog}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <FormField
            control={control}
            name="deposit"
            label="Deposit"
            id="agreement-deposit"
            extra="An amount in the main currency, like 1500 or 1500.50."
            render={(field, aria) => <Input {...field} {...aria} inputMode="decimal" autoComplete="off" />}
          />
        </Col>
        <Col xs={24} md={8}>
          <FormField
            control={control}
            name="currency"
            label="Currency"
            id="agreement-currency"
            render={(field, aria) => (
              <Select
                {...aria}
                showSearch
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
                options={
                  currencyOptions.some((option) => option.value === field.value)
                    ? currencyOptions
                    : [...currencyOptions, { value: field.value, label: field.value }]
                }
              />
            )}
          />
        </Col>
        <Col xs={24} md={8}>
          <FormField
            control={control}
            name="accountType"
            label="Account type"
            id="agreement-account-type"
            render={(field, aria) => (
              <Select
                {...aria}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
                options={ACCOUNT_TYPES.map((value) => ({ value, label: ACCOUNT_TYPE_LABELS[value] }))}
              />
            )}
          />
        </Col>
        <Col xs={24}>
          <FormField
            control={control}
            name="additionalCurrencies"
            label="Additional currencies"
            id="agreement-additional-currencies"
            extra="3-letter ISO codes the partner may also be billed in; type a code and press Enter."
            render={(field, aria) => (
              <Select
                {...aria}
                mode="tags"
                tokenSeparators={[',', ' ']}
                value={field.value}
                onChange={(codes: string[]) => field.onChange(codes.map((code) => code.trim().toUpperCase()))}
                onBlur={field.onBlur}
                ref={field.ref}
                options={currencyOptions}
              />
            )}
          />
        </Col>
      </Row>
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label="Pricing plan">
          <Typography.Text type="secondary">Set under Pricing (coming)</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="Partner price">
          <Typography.Text type="secondary">Set under Pricing (coming)</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {editable ? (
        <Button type="primary" htmlType="submit" loading={isSubmitting} disabled={!isDirty}>
          Save agreement
        </Button>
      ) : null}
    </Form>
  );
}
