import { useApolloClient, useMutation } from '@apollo/client/react';
import { VEHICLE_IMPORT_COLUMNS, VEHICLE_IMPORT_REQUIRED_COLUMNS } from '@partner-hub/domain';
import { ImportVehiclesDocument, ValidateVehiclesImportDocument } from '@partner-hub/graphql-client';
import type { ImportBatchFieldsFragment, VehiclesImportCountsFieldsFragment, VehiclesImportReportFieldsFragment } from '@partner-hub/graphql-client';
import { CsvImportWizard } from '../../../import/components/CsvImportWizard';
import type { CsvImportCommitOutcome, CsvImportFile } from '../../../import/components/CsvImportWizard';
import { VehiclesImportCounts } from './VehiclesImportCounts';
import { VehiclesImportReportView } from './VehiclesImportReportView';


type ImportedVehicles = { batch: ImportBatchFieldsFragment; counts: VehiclesImportCountsFieldsFragment };

/**
 * /vehicles/import — the vehicles.csv import (DESIGN.md §4) on the shared CSV wizard: the dry run
 * shows problems, warnings, what would be created (vehicles, new owners, accesses, assignments)
 * and the first vehicles; the commit ends with the counts and a link to the imported vehicles.
 */
export function VehiclesImportWizard() {
  const client = useApolloClient();
  const [importVehicles] = useMutation(ImportVehiclesDocument, { refetchQueries: ['ImportBatches'] });

  const handleValidate = async (input: CsvImportFile): Promise<VehiclesImportReportFieldsFragment> => {
    const { data } = await client.query({ query: ValidateVehiclesImportDocument, variables: { input }, fetchPolicy: 'no-cache' });
    if (!data) throw new Error('The check returned no result.');
    return data.validateVehiclesImport;
  };

  const handleCommit = async (input: CsvImportFile): Promise<CsvImportCommitOutcome<VehiclesImportReportFieldsFragment, ImportedVehicles>> => {
    const { data } = await importVehicles({ variables: { input } });
    const result = data?.importVehicles;
    if (result?.__typename === 'VehiclesImportSuccess') return { kind: 'done', result: { batch: result.batch, counts: result.counts } };
    if (result?.__typename === 'VehiclesImportInvalid') return { kind: 'invalid', report: result.report, message: result.message };
    return { kind: 'error', message: result?.message ?? 'The import returned no result.' };
  };

  return (
    <CsvImportWizard
      fileLabel="vehicles"
      hint={
        <>
          Columns: {VEHICLE_IMPORT_COLUMNS.join(', ')} — {VEHICLE_IMPORT_REQUIRED_COLUMNS.join(', ')} are required. An owner_email new to you creates the
          owner; partner_id assigns the vehicle to that partner.
        </>
      }
      validate={handleValidate}
      commit={handleCommit}
      importCount={(report) => report.counts.vehicles}
      noun="vehicle"
      renderReport={(report) => <VehiclesImportReportView report={report} />}
      done={({ batch, counts }) => ({
        title: `Imported ${batch.createdCount} vehicle(s)`,
        subTitle: `${batch.fileName}: ${batch.rowCount} row(s), imported by ${batch.createdByLabel}.`,
        details: <VehiclesImportCounts counts={counts} title="Created" />,
        link: { to: `/vehicles?importBatchId=${encodeURIComponent(batch.id)}`, label: 'Show the imported vehicles' },
      })}
    />
  );
}
