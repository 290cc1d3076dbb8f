import { useApolloClient, useMutation } from '@apollo/client/react';
import { PARTNER_IMPORT_COLUMNS } from '@partner-hub/domain';
import { ImportPartnersDocument, ValidatePartnersImportDocument } from '@partner-hub/graphql-client';
import type { ImportBatchFieldsFragment, PartnersImportReportFieldsFragment } from '@partner-hub/graphql-client';
import { CsvImportWizard } from '../../../import/components/CsvImportWizard';
import type { CsvImportCommitOutcome, CsvImportFile } from '../../../import/components/CsvImportWizard';
import { ImportReportView } from './ImportReportView';

/**
 * /partners/import — the partners.csv import (DESIGN.md §4) on the shared CSV wizard: the dry run
 * lists the partners the file would create (parents first), the commit links to them.
 */
export function PartnersImportWizard() {
  const client = useApolloClient();
  const [importPartners] = useMutation(ImportPartnersDocument, { refetchQueries: ['ImportBatches'] });

  const handleValidate = async (input: CsvImportFile): Promise<PartnersImportReportFieldsFragment> => {
    const { data } = await client.query({ query: ValidatePartnersImportDocument, variables: { input }, fetchPolicy: 'no-cache' });
    if (!data) throw new Error('The check returned no result.');
    return data.validatePartnersImport;
  };

  const handleCommit = async (input: CsvImportFile): Promise<CsvImportCommitOutcome<PartnersImportReportFieldsFragment, ImportBatchFieldsFragment>> => {
    const { data } = await importPartners({ variables: { input } });
    const result = data?.importPartners;
    if (result?.__typename === 'PartnersImportSuccess') return { kind: 'done', result: result.batch };
    if (result?.__typename === 'PartnersImportInvalid') return { kind: 'invalid', report: result.report, message: result.message };
    return { kind: 'error', message: result?.message ?? 'The import returned no result.' };
  };

  return (
    <CsvImportWizard
      fileLabel="partners"
      hint={<>Columns: {PARTNER_IMPORT_COLUMNS.join(', ')} — name and role are required.</>}
      validate={handleValidate}
      commit={handleCommit}
      importCount={(report) => report.preview.length}
      noun="partner"
      renderReport={(report) => <ImportReportView report={report} />}
      done={(batch) => ({
        title: `Imported ${batch.createdCount} partner(s)`,
        subTitle: `${batch.fileName}: ${batch.rowCount} row(s), imported by ${batch.createdByLabel}.`,
        link: { to: `/partners?importBatchId=${encodeURIComponent(batch.id)}`, label: 'Show the imported partners' },
      })}
    />
  );
}
